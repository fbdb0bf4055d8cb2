"""Requests typed in French, Spanish, Taglish, Singlish, Swahili, Yorkshire English or Hawaiian Pidgin, read as English (agent/mixed_language.py), without a model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whittle.agent.mixed_language import in_plain_english

SETS = Path(__file__).resolve().parents[2] / "bench" / "agent"


@pytest.mark.parametrize(("said", "meant"), [
    ("checke la première", "tick the first one"),
    ("efface la dernière", "delete the last one"),
    ("mets aiguiser mes patins en haut, game demain", "move aiguiser mes patins to the top, game demain"),
    ("ajoute pick up les verres Zalto chez le fournisseur", "add pick up les verres Zalto chez le fournisseur"),
    ("peux-tu créer un profil Hockey", "can you create a profile Hockey"),
    ("crée un profil Resto pis switch dessus", "create a profile Resto and switch to it"),
    ("montre-moi ma liste", "show my list"),
    ("checke la meteo pour samedi", "checke la meteo pour samedi"),  # the weather: no tool's
    ("le schedule du brunch est fait, enfin", "le schedule du brunch is done, enfin"),
    ("rename horaire du staff pour la semaine prochaine en horaire du staff semaine du 14",
     "rename horaire du staff pour la semaine prochaine to horaire du staff semaine du 14"),
])
def test_a_french_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("tick mo na yung first one pls", "tick the first one pls"),
    ("yung huling inadd ko pls move sa top", "the last thing i added pls move it to the top"),
    ("move buy rice and eggs sa pinaka baba, di pa naman urgent", "move buy rice and eggs to the bottom, di pa urgent"),
    ("balik tayo sa name step, mali spelling ko", "go back to name step, mali spelling ko"),
    ("add buy pasalubong for kids tas tick call Jolo after shift", "add buy pasalubong for kids and then tick call Jolo after shift"),
    ("tapos na po yung night shift swap with Joy, pumayag sya", "night shift swap with Joy is done, pumayag sya"),
    ("edit mo send money kay Jolo, gawin mo send money kay Jolo and Bea", "edit send money kay Jolo to send money kay Jolo and Bea"),
    ("pakidelete na lang yung ayusin locker, naayos na ng utility", "delete the ayusin locker, naayos na ng utility"),
    ("yung buy new crocs pakipalitan ng \"buy new crocs (black, size 7)\"",
     "change the buy new crocs to \"buy new crocs (black, size 7)\""),
    ("ilipat mo sa top yung pangatlo", "move the third one to the top"),
    ("pa-add ng bagong profile po, name nya Ospital", "add a new profile, named Ospital"),
    ("Joy po name ko", "my name is Joy"),
    ("yung na-tick ko kanina, mali pala, paki-untick", "the one i ticked, mali, untick it"),
    ("tapos na yung BLS renewal tsaka buy vitamins", "tick BLS renewal and tick buy vitamins"),
    ("pa-add \"buy hand cream\" and ilagay mo sa top pls", "add \"buy hand cream\" and move it to the top pls"),
])
def test_a_taglish_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("borra el primero", "delete the first one"),
    ("tamales for christmas ponlo hasta arriba", "move tamales for christmas to the top"),
    ("agrega CE credits renewal y ponlo hasta arriba", "add CE credits renewal and move it to the top"),
    ("lo de la luz cambialo a pay light and gas bill", "change the luz one to pay light and gas bill"),
    ("oye el q tache por error, destáchalo pls", "the one i ticked, untick it pls"),
    ("crea un perfil q se llame Casa", "create a profile called Casa"),
    ("los competidores son Bright Smile Dental, Alamo Family Dentistry y Aspen Dental",
     "the competitors are Bright Smile Dental, Alamo Family Dentistry and Aspen Dental"),
    ("agrega hacer cita pa la mamografia", "add hacer cita pa la mamografia"),  # the thing's words stay
])
def test_a_spanish_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("remove the first one can?", "remove the first one"),
    ("can help me add eggs or not", "can you add eggs"),
    ("can use this on my handphone or not", "can use this on my handphone or not"),  # a question, no ask
    ("rent pay already, and add pay electric bill also", "rent done, and add pay electric bill also"),
    ("wah so long one, cancel it lah", "wah so long one, cancel it"),
])
def test_a_singlish_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize("said", [
    "please add le creuset pan to the list",  # one French-looking word is no French request
    "add call la liga guy",
    "add milk to my list na",
    "put it in the sa box",
    "add tapas night to the list",
    "thanks yaar 🙏",  # one Hindi word in English is English
    "cancel it yaar, taking too long",
])
def test_an_english_request_stays_as_typed(said):
    assert in_plain_english(said) == said


def test_no_request_of_the_sets_written_in_english_is_read_otherwise():
    # Every bench request but the French, Spanish, Portuguese, Italian, Taglish, Singlish, Pidgin, Patois, Scots,
    # Hinglish, Swahili, Yorkshire, Vietnamese, Quebec French, Dutch, Mexican, Bengali, Brazilian, Korean, Hong
    # Kong, German, Turkish-German, Kenyan, Neapolitan, Malaysian,
    # Indonesian, Belfast, Durban, Shetland, Polish, Rioplatense, Yiddish, Quebec French, Neapolitan, Lisbon, Aalsmeer,
    # Honolulu, Mexico City, Louisiana, Lahore and Houston writers' stays as typed but four: a Spanish
    # asking word, Singlish's "done already" in a Japanese and an American writer's English, and a Leeds writer's "fo wat".
    mixed = {"heldout33.jsonl", "heldout53.jsonl", "heldout54.jsonl", "heldout57.jsonl", "heldout58.jsonl",
             "heldout62.jsonl", "heldout65.jsonl", "heldout71.jsonl", "heldout38.jsonl", "heldout49.jsonl",
             "heldout73.jsonl", "heldout74.jsonl", "heldout51.jsonl", "heldout77.jsonl", "heldout79.jsonl",
             "heldout82.jsonl", "heldout83.jsonl", "heldout84.jsonl", "heldout86.jsonl", "heldout88.jsonl", "heldout90.jsonl", "heldout93.jsonl",
             "heldout97.jsonl", "heldout98.jsonl", "heldout100.jsonl", "heldout101.jsonl",
             # German touches ("bitte", "yani"), Sheng, Italian and Manglish
             "heldout36.jsonl", "heldout60.jsonl", "heldout103.jsonl", "heldout105.jsonl", "heldout106.jsonl",
             "heldout108.jsonl",
             # Indonesian, a Belfast writer's Scots ("tick it aff", "so ye are"), a Durban writer's "sharp sharp"
             # (read as Pidgin's) and Shetland dialect (read as Scots)
             "heldout115.jsonl", "heldout116.jsonl", "heldout117.jsonl", "heldout119.jsonl",
             "heldout118.jsonl", "heldout120.jsonl",  # Bengaluru Kanglish, a Tampere writer's Finnish touches
             "heldout122.jsonl",  # a Montevideo writer's Rioplatense Spanish
             "heldout126.jsonl",  # a São Paulo writer's Portuguese touches
             "heldout124.jsonl",  # a Karachi writer's Urdu touches, read as Hinglish
             # a Kingston writer's Patois, a Montreal writer's Quebec French, a Mumbai writer's Hinglish
             "heldout129.jsonl", "heldout130.jsonl", "heldout131.jsonl",
             # a Warsaw writer's Polish, a Buenos Aires writer's Rioplatense Spanish, a Brooklyn writer's Yiddish
             "heldout133.jsonl", "heldout134.jsonl", "heldout136.jsonl",
             "heldout137.jsonl", "heldout139.jsonl",  # a Montreal writer's Quebec French, a Naples writer's Italian
             "heldout141.jsonl",  # a Lisbon writer's Portuguese
             # an Aalsmeer writer's Dutch, a Honolulu writer's Pidgin, a Belfast writer's "aye … ye" (read as Scots),
             # a Mexico City writer's Spanish
             "heldout145.jsonl", "heldout146.jsonl", "heldout147.jsonl", "heldout148.jsonl",
             # a Louisiana writer's Cajun French, a Lahore writer's Urdu, a Houston writer's Vietnamese
             "heldout149.jsonl", "heldout150.jsonl", "heldout152.jsonl"}
    texts = [json.loads(line)["text"] for path in sorted(SETS.glob("*.jsonl")) if path.name not in mixed
             and path.name != "injections.jsonl" for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 3000
    assert {t: in_plain_english(t) for t in texts if in_plain_english(t) != t} == {
        "Añade 'llamar al fontanero' please": "add 'llamar al fontanero' please",
        "omiyage is bought already! please make it done": "omiyage is done! please make it done",
        "the oil change was done already... get rid of it.   and add rotate tires on the Ford":
            "the oil change was done... get rid of it.   and add rotate tires on the Ford",
        "sirch chat fo wat i sed bout flux": "sirch chat for what i sed bout flux",  # spelled by ear, as Pidgin spells
    }


@pytest.mark.parametrize(("said", "meant"), [
    ("switch tae the work profile an add sort ma rota fir next month",
     "switch to the work profile and add sort ma rota fir next month"),  # "ma", "fir": the thing's own words
    ("tick that aff the now", "tick that off"),
    ("make a profile called depot an switch tae it", "make a profile called depot and switch to it"),
    ("aw naw go back tae the name bit a spelt it wrang", "aw no go back to the name step I spelt it wrong"),
    ("pit bread on an teabags an all", "pit bread on and teabags"),  # a closing "an all" ("as well") asks nothing
])
def test_a_scots_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("aggiungi buy the flour caputo 00 !!", "add buy the flour caputo 00 !!"),
    ("cancella eggs and aggiungi buy eggs for the carbonara", "delete eggs and add buy eggs for the carbonara"),
    ("aggiungi - tell the waiters new menu on monday", "add tell the waiters new menu on monday"),
    ("allora i talk with salvatore, is done", "i talk with salvatore, is done"),
])
def test_an_italian_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("tak hit aff da list", "take it off the list"),
    ("move da second item doon ta da bottom, dere's nae flies yet", "move the second item to the bottom, dere's nae flies yet"),
    ("yon een at da bottom, shift hit up ta da tap", "the one at the bottom, shift it up to the top"),
    ("change order feed ta order feed fae Jamieson's an move hit up ta da tap",
     "change order feed to order feed fae Jamieson's and move it up to the top"),
    ("add phone da vet aboot da coo", "add phone da vet aboot da coo"),  # a thing's own words stay
])
def test_a_shetland_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("tolong add restock charger type-C ya, udah abis dari kemarin", "please add restock charger type-C, udah abis dari kemarin"),
    ("hapus call Samsung rep dong, he already call me back", "delete call Samsung rep, he already call me back"),
    ("call Pak RT ganti jadi call Pak RT about parking ya biar jelas", "change call Pak RT to call Pak RT about parking"),
    ("reply Tokopedia chats taruh paling bawah aja, not urgent", "reply Tokopedia chats, move it to the bottom, not urgent"),
    ("udah bayar pay internet bill, centang ya. terus tambahin pay water bill juga",
     "pay internet bill, tick it. then add pay water bill"),
    ("bikin profile baru namanya Toko Cempaka Mas, buat cabang kedua", "create a new profile called Toko Cempaka Mas"),
    ("wah nama nya salah, balik ke step name ya", "wah nama salah, go back to step name"),
    ("competitors nya Erafone, iBox, Digimap ya", "competitors Erafone, iBox, Digimap"),
    ("orphan page itu artinya apa ya?", "what does orphan page mean?"),
    ("add order Xiaomi 14 display and also call JNE for pickup ya, dua2nya",
     "add order Xiaomi 14 display and also call JNE for pickup, both"),
    ("add buy ya kun coffee", "add buy ya kun coffee"),  # no Indonesian word: read as typed
])
def test_an_indonesian_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("the one wey i add last, move am go top", "the last thing i added, move it to the top"),
    ("restock type C cables put am number 2", "move restock type C cables to number 2"),
    ("wetin remain for my todo", "what is left on my list"),
    ("i don buy the screen guards from alaba, mark am done", "i don buy the screen guards from alaba, mark am done"),
    ("add buy nylon bags for customers sharp sharp", "add buy nylon bags for customers"),
    ("while i dey here abeg add call dhl man for my todo", "while i dey here abeg add call dhl man to my todo list"),
    ("create profile for Fabric then switch me enter am", "create profile for Fabric then switch to it"),
    ("remind me make i collect aso ebi from tailor saturday", "remind me to collect aso ebi from tailor saturday"),
    ("i don pay shop rent tick am, den add pay nepa light bill make i no forget",
     "i don pay shop rent tick am, then add pay nepa light bill"),
    ("the one wey don do, delete am comot for list", "the one i ticked, delete am from the list"),
    ("earpiece 20 pieces make am 30 pieces", "change earpiece 20 pieces to 30 pieces"),
    ("greeting make am good morning", "greeting make am good morning"),  # a step's value, said
])
def test_a_pidgin_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("eggs buy jor", "eggs is done"),
    ("print floor plan Taikoo Shing ok jor", "print floor plan Taikoo Shing is done"),
    ("update listing photos Tseung Kwan O done jor 📸", "update listing photos Tseung Kwan O done 📸"),
    ("add todo send OP to Mr Lee la, he chase me 2 times jor", "add todo send OP to Mr Lee, he chase me 2 times"),
    ("add oil la me, 5 viewings today", ", 5 viewings today"),  # a cheer, no todo
    ("add la la land tickets", "add la la land tickets"),  # no Kongish word: as typed
    ("add oil change and stick it at the top", "add oil change and stick it at the top"),  # a todo, no cheer
])
def test_a_kongish_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("marca o primeiro como feito", "tick the first one"),
    ("muda pra Work e adiciona revisar brand guidelines", "switch to Work and add revisar brand guidelines"),
    ("o segundo, muda pra send invoice to Marta", "the second one, change it to send invoice to Marta"),
    ("joga o renovar título de residência pro final da lista", "move renovar título de residência to the bottom"),
    ("adiciona comprar café e coloca no topo", "add comprar café and move it to the top"),
    ("valeu!!", "valeu!!"),  # thanks alone stays a thanks
    ("pode apagar o último da lista? não preciso mais 🙃", "can you delete the last one? não preciso mais 🙃"),
    ("move o moodboard pro topo, é urgente!! 🔥🔥", "move the moodboard to the top!! 🔥🔥"),
    ("sobe 'ligar pro contador' pra segunda posição por favor", "move 'ligar pro contador' to number 2"),
    ("cria um profile 'Estudos' e já muda pra ele 📚✨", "create a profile 'Estudos' and switch to it 📚✨"),
    ("os concorrentes são Nubank, Inter e C6 🏦", "the competitors are Nubank, Inter and C6 🏦"),
    ("competitors: iFood, Rappi, Uber Eats 🍔 e analisa eles em tempo de entrega, taxa e UX",
     "competitors: iFood, Rappi, Uber Eats 🍔, and then compare them on tempo de entrega, taxa e UX"),  # an aspect's "e" stays
    ("pode procurar na conversa onde eu falei do Nubank? 🔍", "can you search the chat for Nubank? 🔍"),
    ("delete 'comprar ração pra Mel' já comprei... não, pera, só marca como feito então kkkk 🐶",
     "delete 'comprar ração pra Mel' já comprei... no wait, just tick it kkkk 🐶"),
    ("bora começar uma análise competitiva 💪 pode iniciar?", "start the competitive analysis 💪"),
    ("add 'comprar café' e 'lavar o carro' por favor 🚗☕", "add 'comprar café' and 'lavar o carro' 🚗☕"),
    ("oi!! pode add 'marcar call com o dev team' por favor 😊", "oi!! can you add 'marcar call com o dev team' 😊"),
    ("mapear jornada do usuário ✅ feito!! pode marcar? 🥳", "mapear jornada do usuário is done! can you tick it? 🥳"),
])
def test_a_portuguese_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("di las one, move it up to number 2", "the last one, move it up to number 2"),
    ("put it pon di list - drop off di harvest tins", "put it on the list - drop off di harvest tins"),
    ("di one mi tick off by mistake, put it back nuh", "the one i ticked by mistake, put it back"),
    ("weh mi have pon di list again?", "what is on my list again?"),
])
def test_a_patois_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("nionyeshe list yangu yote pls", "show my list pls"),
    ("ondoa ile nilitick", "delete the one i ticked"),
    ("ile ya parcel ifute", "delete the parcel one"),
    ("tafadhli weka fuel recipts za wiki hii mwisho kabisa", "move fuel recipts za wiki hii to the bottom"),
    ("add fuel KDA 557M then iweke juu kabisa", "add fuel KDA 557M then move it to the top"),
    ("tengeneza profile mpya inaitwa Matatu Sacco", "create a new profile called Matatu Sacco"),
    ("anza competitive analysis, competitors ni guardian, tahmeed na dreamline",
     "start competitive analysis, competitors: guardian, tahmeed and dreamline"),
    ("rudi step ya name nimekosea spelling", "go back to the name step, nimekosea spelling"),
    ("rota ishafanywa, tick hiyo", "rota is done, tick it"),
    ("greeting weka hi", "greeting: hi"),
])
def test_a_swahili_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("tick t'last un off, got it from t'chemist", "tick the last one off, got it from t'chemist"),
    ("get rid o t'top un, he's been an gone", "get rid of the top one, he's been and gone"),
    ("make a new un called Brass Band an switch us onto it", "make a new one called Brass Band and switch to it"),
    ("put band subs on me list, an polish cornet an all", "put band subs on my list, and polish cornet"),
    ("can tha email t'Work profile to our Darren", "can you email the Work profile to our Darren"),
    ("add shut t'greenhouse door at night", "add shut t'greenhouse door at night"),  # a thing keeps its own "t'"
])
def test_a_yorkshire_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("switch sur Work pis ajoute 'préparer le meeting'", "switch to Work and add 'préparer le meeting'"),
    ("part le long job, je vais faire un latte", "start the long job, je vais faire un latte"),
    ("crée moi un profil qui s'appelle Perso", "create a profile called Perso"),
    ("compare-les sur prix, qualité du café pis wifi", "compare them on prix, qualité du café, wifi"),
    ("remets 'acheter des filtres' comme pas fait", "untick 'acheter des filtres'"),
    ("la 3e, coche-la", "number 3, tick it"),
    ("l'affaire avec Marc, efface-la", "the Marc one, delete it"),
    ("c quoi qui reste sur ma liste genre", "what is left on my list"),
    ("mon nom c'est Émilie pis le greeting genre Hi", "my name is Émilie and the greeting Hi"),
    ("retourne à l'intro stp", "open the intro please"),
    ("compétiteurs: Starbucks, Tim pis compare-les sur prix pis ambiance",
     "competitors: Starbucks, Tim and compare them on prix, ambiance"),
])
def test_a_quebec_french_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("add even 'grade the INFOB3 tentamens' to my list graag", "add 'grade the INFOB3 tentamens' to my list"),
    ("milk and eggs I have, both afvinken", "milk and eggs I have, tick both"),
    ("thanks, dank je wel", "thanks, thanks"),
    ("can you show my list graag , dank je", "can you show my list, thanks"),  # no gap left before a mark
])
def test_a_dutch_english_request_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("hey abi add Mensa Karte aufladen bitte", "hey abi add Mensa Karte aufladen"),
    ("the one i ticked, make it undone bitte!", "the one i ticked, make it undone!"),
    ("mach it undone", "make it undone"),
    ("Statik Klausur lernen i want it at the Ende of the list", "Statik Klausur lernen i want it at the end of the list"),
    ("add 'Oma anrufen' und 'Geschenk für Oma kaufen'", "add 'Oma anrufen' and 'Geschenk für Oma kaufen'"),
    ("Matlab is done yani, and the Fahrrad put it on the top", "Matlab is done, and the Fahrrad put it on the top"),
    ("add Brot und Milch kaufen", "add Brot und Milch kaufen"),
])
def test_a_german_english_request_asks_in_english_words_and_keeps_its_german_things(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("poa poa thats all for now", "thats all for now"),
    ("weka renew PSV badge top kabisa", "move renew PSV badge to the top"),
    ("change brake pads iwe change brake pads n clutch plate", "change brake pads to change brake pads n clutch plate"),
    ("alamak forgot, add buy kopi o sachets can or not", "add buy kopi o sachets"),
    ("done lor, finalize pls", "finalize pls"),
    ("milk done lor", "milk done"),
])
def test_sheng_and_manglish_asides_ask_nothing(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("no niin, put this on there: return Jari's drill", "put this on there: return Jari's drill"),
    ("sand the lauteet is done, no niin! then add oil the lauteet", "sand the lauteet is done, then add oil the lauteet"),
    ("poista... sorry, delete buy löyly ladle", "delete buy löyly ladle"),
    ("the top one can go away, poista se", "the top one can go away, delete it"),
    ("cancel it, takes too long, vähän boring to wait", "cancel it, takes too long, a bit boring to wait"),
    ("switch to the Work profile, joo", "switch to the Work profile"),
])
def test_finnish_touches_ask_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("delete the last one, adu beda", "delete the last one"),
    ("call amma done aytu, tick it", "call amma is done, tick it"),
    ("PG rent paid aytu finally, tick it off", "PG rent is paid finally, tick it off"),
    ("note madko: send standup notes to Prateek", "note: send standup notes to Prateek"),
    ("maga add recharge Jio to my list swalpa", "add recharge Jio to my list"),
    ("second item change maadi to buy 2 litre curd", "second item change to buy 2 litre curd"),
    ("greeting Good morning haaku maga", "greeting Good morning"),
])
def test_kannada_touches_ask_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("listo, I already paid Nico the week, tick that one", "I already paid Nico the week, tick that one"),
    ("borrá the last one, Martín already called me", "delete the last one, Martín already called me"),
    ("untick order cajas, they sent the wrong size, viste? and add call the box supplier",
     "untick order cajas, they sent the wrong size, and add call the box supplier"),
    ("bárbaro, finalize it, I've seen enough", "finalize it, I've seen enough"),
    ("el primero, sacalo de la lista, I changed my mind", "the first one, delete it, I changed my mind"),
    ("pasame al perfil Work, I have to do the academy stuff", "switch to Work, I have to do the academy stuff"),
    ("change 'ensayar con Facundo' to 'ensayar con Facundo y Sofi', tachalo",
     "change 'ensayar con Facundo' to 'ensayar con Facundo y Sofi', tick it"),  # a quoted todo stays as typed
])
def test_rioplatense_spanish_touches_ask_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("got baith milk an eggs at da Co-op, tick dem aff", "got both milk and eggs at da Co-op, tick them off"),
    ("pit get diesel for da tractor on dere, an buy baler twine as weel",
     "put get diesel for da tractor on there, and buy baler twine as well"),
    ("change fix hill grind ta say fix hill grind an da dyke by da burn",
     "change fix hill grind to fix hill grind an da dyke by da burn"),
])
def test_shetland_an_joins_asks_but_stays_inside_a_thing(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("add pay IPTU beleza? my wife keeps reminding me kkkk", "add pay IPTU. my wife keeps reminding me kkkk"),
    ("coloca aí pra mim: call the mechanic", "add: call the mechanic"),
    ("add 'pay electricity bill' and já marca as done", "add 'pay electricity bill' and tick it"),
    ("terminei 'send CV' e 'update LinkedIn', marca os dois como feito", "I finished 'send CV' and 'update LinkedIn', tick both"),
    ("the competitors são Nubank, Inter and C6 Bank", "the competitors are Nubank, Inter and C6 Bank"),
    ("show me the top pages and depois the orphans too", "show me the top pages and then the orphans too"),
    ("os concorrentes são Nubank, Inter e C6", "the competitors are Nubank, Inter and C6"),
])
def test_more_portuguese_touches_ask_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("put pay the light bill pon mi list", "put pay the light bill on my list"),
    ("a mistake mi tick buy ice for the cooler, undo dat", "by mistake i ticked buy ice for the cooler, untick it"),
    ("mek a new profile name Coronation Stall fi di market business dem",
     "make a new profile named Coronation Stall fi di market business"),
    ("di competitors a Hi-Lo, MegaMart and Progressive", "the competitors are Hi-Lo, MegaMart and Progressive"),
    ("tek mi back to mi todo list", "take me back to my todo list"),
    ("change call the landlord to call the landlord about the leak an den tick sweep the stall",
     "change call the landlord to call the landlord about the leak and then tick sweep the stall"),
])
def test_more_patois_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("la facture Desjardins peut attendre, descends-la en dernier", "la facture Desjardins peut attendre, move it to the bottom"),
    ("le deuxième là, remonte-le en haut stp", "the second one, move it to the top please"),
    ("enlève celui tout en bas, le client a annulé", "delete the one at the bottom, le client a annulé"),
    ("oups j'ai mal écrit mon nom, retourne au step du nom stp", "oups j'ai mal écrit mon nom, go back to the name step please"),
    ("pour l'analyse, compare les prix pis les options végé", "for the analysis, compare prix, options végé"),
    ("start une nouvelle analyse pis mets Traiteur Rousseau, Agneau Doré comme competitors",
     "start a new analysis and the competitors are Traiteur Rousseau, Agneau Doré"),
])
def test_more_quebec_french_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("mets renew MAPAQ card sur ma liste stp, ma carte expire bientot",
     "add renew MAPAQ card to my list please, ma carte expire bientot"),
    ("mets changer l'huile de la friteuse en premier, c'est urgent",
     "move changer l'huile de la friteuse to the top, c'est urgent"),
    ("buy Crocs c'est fait pis dentist Tuesday aussi, coche les deux", "buy Crocs is done and dentist Tuesday too, tick both"),
    ("tantot j'ai parlé du fournisseur de poisson dans le chat, peux-tu retrouver ce que j'ai dit?",
     "tantot I talked about the fournisseur de poisson in the chat, can you find what I said?"),
    ("dentist Tuesday c'est cancellé, delete ça de la liste", "dentist Tuesday is cancelled, delete it from the list"),
    ("that one at the bottom, monte-le tout en haut genre #1", "that one at the bottom, move it to the top #1"),
    ("ok faut que je call le proprio pour le chauffe-eau, add that", "I need to call le proprio pour le chauffe-eau, add that"),
    ("the 2nd one, flush ça, on a des oeufs en masse", "the 2nd one, delete it, on a des oeufs en masse"),
    ("fais-moi un nouveau workspace appelé Food truck, genre pour l'été", "make me a new workspace called Food truck, pour l'été"),
    ("add un profil Brunch pis switch dessus direct", "add a profile Brunch and switch to it direct"),
    ("ramène-moi aux profils", "take me back to the profiles"),
    ("pour l'analysis mets 'prix, portions', c'est ça qui compte", "for the analysis put 'prix, portions', that is what matters"),
    ("competitors c'est La Banquise, Chez Claudette pis pour l'analyse: prix, temps d'attente",
     "the competitors are La Banquise, Chez Claudette and for the analysis: prix, temps d'attente"),
])
def test_a_montreal_line_cooks_french_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("Metti in lista: fix the wobbly table number 7", "add fix the wobbly table number 7"),
    ("Add 'buy paper boxes' and then put it first in la lista", "Add 'buy paper boxes' and then put it first on the list"),
])
def test_la_lista_is_the_list(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("põe buy chain oil na lista se faz favor, the bike is squeaking",
     "add buy chain oil to my list please, the bike is squeaking"),
    ("tira o call Dona Fátima pá, she already rang me", "delete call Dona Fátima, she already rang me"),
    ("tira milk e eggs da lista, my wife got them both", "delete milk and eggs from the list, my wife got them both"),
    ("olha what does orphan page mean, in simple words", "what does orphan page mean, in simple words"),
    ("mon nom c'est Ginette, mets ça dans le step du nom", "my name is Ginette, put it in the name step"),
])
def test_a_lisbon_writers_portuguese_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("dodaj: odebrać palety EUR z rampy 2", "add: odebrać palety EUR z rampy 2"),
    ("jeszcze jedno do listy - grafik na sobote", "add grafik na sobote"),
    ("zrobione - naładować skanery", "tick off naładować skanery"),
    ("usuń grafik na sobotę, szef robi sam", "delete grafik na sobotę, szef robi sam"),
    ("popraw: inwentaryzacja regał C -> inwentaryzacja regał C i D",
     "change inwentaryzacja regał C to inwentaryzacja regał C i D"),
    ("sign WZ for Raben na samą górę, kierowca czeka", "move sign WZ for Raben to the top, kierowca czeka"),
    ("co mam jeszcze na liście?", "what is on my list?"),
    ("dodaj dwie rzeczy: folia stretch, taśma", "add two things: folia stretch, taśma"),
    ("odznacz ten drugi, jednak nie skończone", "untick the second one, not done"),
    ("pierwszy zmień na check forklift 3 and 4", "change the first one to check forklift 3 and 4"),
    ("przełącz na Work, robię papiery teraz", "switch to Work, robię papiery teraz"),
    ("nowa analiza, start", "start a new analysis"),
    ("cofnij do competitors, forgot GLS", "go back to competitors, forgot GLS"),
    ("the last one wywal", "delete the last one"),
    ("no to add wymienic baterie w wozku bo znowu pada", "add wymienic baterie w wozku because znowu pada"),
])
def test_polish_touches_ask_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("Nu, make one more profile, call it Shul", "make one more profile, call it Shul"),
    ("We're out of seltzer. Add seltzer to the list nu", "We're out of seltzer. Add seltzer to the list"),
    ("those kids eat like horses, kinehora", "those kids eat like horses"),
])
def test_yiddish_touches_ask_nothing(said, meant):
    assert in_plain_english(said) == meant


def test_a_name_with_a_portuguese_verb_in_it_stays_english():
    assert in_plain_english("competitors: Uber, Bolt and People Mover") == "competitors: Uber, Bolt and People Mover"
    assert in_plain_english("pode mover o primeiro pro final") == "can you move the first one to the bottom"


@pytest.mark.parametrize(("said", "meant"), [
    ("dat one at da bottom, bring 'em up to da top. more important", "that one at the bottom, bring it to the top. more important"),
    ("da third one stay pau, shoots", "the third one is done"),
    ("make one profile Canoe Club and den jump into 'em", "make a profile Canoe Club and then switch to it"),
    ("start one new analysis, competitors stay Gone Surfing Hawaii and Ty Gurney Surf School",
     "start a new analysis, competitors are Gone Surfing Hawaii and Ty Gurney Surf School"),
    ("shoots, can add 'return Keoni's boogie board' please?", "can you add 'return Keoni's boogie board' please?"),
    ("can bump 'call Uncle Kimo' down to da bottom? no rush on dat one",
     "can you move 'call Uncle Kimo' to the bottom? no rush on that one"),
    ("put 'pay harbor storage' number 2 on da list brah", "move 'pay harbor storage' to number 2"),
    ("fix da wording on 'wash da van', I like 'em say 'wash da van and vacuum da sand out'",
     "fix the wording on 'wash da van', make it say 'wash da van and vacuum da sand out'"),
    ("wat stay on my list right now? show me da kine", "what is on my list right now? show me"),
    ("put on dere: pick up ice for da cooler", "put on there: pick up ice for da cooler"),  # a thing keeps its "da"
])
def test_hawaiian_pidgin_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("move change brake pads to the top porfa, the brakes are screaming güey",
     "move change brake pads to the top, the brakes are screaming"),
    ("regrésame to Default güey, se acabó el turno", "take me back to Default, se acabó el turno"),
    ("regresa to the competitors step, se me olvidó InDrive", "go back to the competitors step, se me olvidó InDrive"),
    ("quita the buy airbag sensor one from the list", "remove the buy airbag sensor one from the list"),
    ("necesito get an extra key cut jaja. ponlo en la lista", "I need to get an extra key cut. add it on the list"),
    ("ya pagué el Telcel, tacha it", "I paid Telcel, tick it"),
])
def test_a_mexico_city_drivers_spanish_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant
