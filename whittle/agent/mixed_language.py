"""Requests typed in French, Swahili, Spanish, Portuguese, Italian, Taglish, Dutch, German, Vietnamese, Kongish, Singlish, Pidgin, Patois, Polish, Yiddish, Yorkshire, Finnish, Kannada, Scots or Hinglish, read as the English request they make.

Code-switching users type the app's words in their own language: "efface la dernière", "mets aiguiser mes
patins en haut", "tick mo na yung first one", "balik tayo sa name step", "dhobi wala delete kar do". Only the words that ask (the verbs,
places, pointers and joiners) are read as English; the thing's own words stay as typed ("ajoute pick up les
verres Zalto" adds "pick up les verres Zalto"). Each language's words are read only in a request that shows
that language (a word only it uses), so "la", "sa" or "mo" in an English request stay as they are. Hindi puts
the verb last ("eggs hata do list se"): each of its parts is read verb first ("delete eggs from the list").
"""

from __future__ import annotations

import re

from whittle.agent.hinglish import read_hinglish, shows_hinglish
from whittle.agent.request_form import QUOTED_TEXT
from whittle.agent.vietnamese import read_vietnamese, shows_vietnamese

# Words that only a French request has (its asking words), and small words that two of mark one.
_FRENCH = re.compile(r"\b(?:stp|svp|peux-tu|pourrais-tu|mets|efface|ajoute|rajoute|coche|checke|décoche|decoche|montre|ouvre|"
                     r"descends|remonte|enlève|enleve|attends|y'a-tu|faque|ramène-moi|ramene-moi|fais-moi|monte-le|monte-la|"
                     r"crée|cree|créer|cherche|annule|démarre|demarre|reviens|retourne|renomme|remets|pis|c'est|ça|"
                     r"première|premiere|deuxième|deuxieme|troisième|troisieme|dernière|derniere)(?![\w-])",
                     re.IGNORECASE)
_FRENCH_SMALL = re.compile(r"\b(?:le|la|les|du|des|une|pour|avec|dans|est|mon|ma|mes|moi|je|j'ai|sur)\b", re.IGNORECASE)
_IN_FRENCH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\b(?:peux|pourrais|pourrait|peut)[-\s]tu\b", "can you"),
    (r"\b(?:stp|svp|s'il te plaît|s'il vous plaît)\b", "please"),
    # "n'oublie pas de me noter ça: …", "peux-tu le renommer …", "descends-la en dernier", "remonte-le en haut",
    # "enlève celui tout en bas", "retourne au step du nom", "y'a-tu des pages orphelines", "mes compétiteurs c'est …".
    (r"\bn'oublie\s+pas\s+de\s+(?:me\s+)?noter\s+(?:ça\s*)?:", "add:"), (r"\bl[ea]\s+renommer\b", "rename it to"),
    (r"\bdescends-(?:le|la|les)\s+en\s+(?:dernier|derni[èe]re|bas)\b(?:\s+sur\s+la\s+liste\b)?", "move it to the bottom"),
    (r"\bremets-(?:le|la|les)\s+comme\s+pas\s+fait[e]?\b", "untick it"),
    (r"\b(?:remonte|monte|mets)-(?:le|la|les)\s+(?:tout\s+)?(?:en\s+haut|en\s+premier|au\s+top)\b", "move it to the top"),
    # Québécois: "mets X sur ma liste", "mets X en premier", "flush ça", "c'est cancellé, delete ça de la liste",
    # "fais-moi un nouveau workspace appelé …", "ramène-moi aux profils", "j'ai parlé du …, peux-tu retrouver …".
    (r"\bmets\s+(.+?)\s+sur\s+(?:ma|la|mon)\s+(?:liste|list)\b", r"add \1 to my list"),
    (r"\bmets\s+(.+?)\s+en\s+premier\b", r"move \1 to the top"),
    (r"\bflush(?:e|er)?\s+(?:ça|ca)\b", "delete it"), (r"\b(delete|efface|enl[èe]ve|supprime)\s+(?:ça|ca)\b", r"\1 it"),
    (r"\b(?:c'est|est)\s+cancell?[ée]e?\b", "is cancelled"), (r"\bde\s+la\s+liste\b", "from the list"),
    (r"\bfais-moi\b", "make me"), (r"\bun\s+nouveau\s+(workspace|profil)\b", r"a new \1"),
    (r"\bappel[ée]e?\b", "called"), (r"\bram[èe]ne-moi\s+(?:aux|au|à\s+la|a\s+la)\b", "take me back to the"),
    (r"\bprofils\b", "profiles"), (r"\bj'ai\s+parl[ée]\s+(?:du|des|de\s+la|de)\b", "I talked about the"),
    (r"\bcan\s+you\s+retrouver\s+ce\s+que\s+j'ai\s+dit\b", "can you find what I said"),
    (r"\bc'est\s+(?:ça|ca)\s+qui\s+compte\b", "that is what matters"), (r"\bdans\s+le\s+chat\b", "in the chat"), (r"\bpour\s+l'analys[ei]s?\b", "for the analysis"),
    (r"\bcompetitors\s+c'est\b", "the competitors are"), (r"\s+aussi\b", " too"), (r"\bles\s+deux\b", "both"),
    (r"\b(?:celui|celle)\s+(?:tout\s+)?en\s+bas\b", "the one at the bottom"),
    (r"\b(?:celui|celle)\s+(?:tout\s+)?en\s+haut\b", "the one at the top"),
    (r"\b(?:reviens|retourne)\s+au\s+step\s+du\s+nom\b", "go back to the name step"),
    (r"\b(?:reviens|retourne)\s+au\s+step\s+des\s+(\w+)\b", r"go back to the \1 step"),
    (r"^\s*attends\s*,\s*", ""), (r"\by'?a-tu\s+des\s+pages\s+orphelines\b", "are there orphan pages"),
    (r"\bmets-les\s+dans\s+le\s+step\s+(\w+)\b", r"put them in the \1 step"),
    (r"\bmets\s+(?:ça|ca)\s+dans\s+le\s+step\s+du\s+nom\b", "put it in the name step"),
    (r"\bmets\s+(?:ça|ca)\s+dans\s+le\s+step\s+(?:du|des|de\s+la)\s+(\w+)\b", r"put it in the \1 step"),
    (r"\b(?:mes|nos)\s+comp(?:é|e)titeurs\s+(?:c'est|sont)\b", "the competitors are"),
    (r"\bune\s+nouvelle\s+analyse\b", "a new analysis"),
    (r"\bmets\s+(.+?)\s+comme\s+competitors\b", r"the competitors are \1"),
    (r"(\bcompare\s+)les\s+([^.!?]+)", lambda m: m.group(1) + re.sub(r"\s+pis\s+(?:les\s+)?", ", ", m.group(2))),
    # Québécois: "genre" and "tsé" fill; "pis" joins; "part le long job", "c quoi qui reste sur ma liste".
    (r"\s+(?:genre|tsé|faque)\b", ""), (r"\s+là\b(?=\s*[,.!?]|\s)", ""), (r"^\s*(?:genre|tsé|faque)\b[\s,]*", ""), (r"\ble\s+greeting\b", "the greeting"),
    (r"\bnon,?\s+wait\b", "no wait"), (r"\bah\s+pis\b", "and"), (r"\bajoute\s+aussi\b", "also add"),
    (r"\bswitch\s+sur\b", "switch to"), (r"\bpart\s+(?:le|la)\b", "start the"),
    (r"\bc(?:'est)?\s+quoi\s+qui\s+reste\s+sur\s+ma\s+liste\b", "what is left on my list"),
    (r"(?:(?<=\bajoute\s)|(?<=\badd\s))un\s+profil\b", "a profile"),
    (r"\bqui\s+s'appelle\b", "called"), (r"\bappelle-le\b", "call it"),
    (r"\bcompare-les\s+sur\b", "compare them on"),
    (r"(\bcompare\s+them\s+on\s+)([^.!?]+)", lambda m: m.group(1) + re.sub(r"\s+pis\s+", ", ", m.group(2))),  # a list's "pis"
    (r"\bcomp(?:é|e)titeurs\s*:", "competitors:"),
    (r"\bremets\s+(.+?)\s+comme\s+pas\s+fait\b", r"untick \1"),
    (r"\bl'affaire\s+(?:avec|de|du)\s+(\w+)", r"the \1 one"), (r"\bla\s+(\d)e\b", r"number \1"),
    (r"^\s*pour\s+(?:les?|la)\s+(\w+)\s*,\s*change[- ]l[ea]\s+pour\b", r"change the \1 one to"),
    (r"\bchange[- ]l[ea]\s+pour\b", "change it to"),
    (r"^\s*faut\s+que\s+j'?\s*pense\s+(?:à|a)\s+", "I need to "),
    (r"^\s*(?:ok\s+)?faut\s+que\s+je\s+", "I need to "), (r"\bajoute\s+ça\b", "add that"),
    (r"\b(?:retourne|reviens)\s+(?:à|a)\s+l'intro\b", "open the intro"), (r"\bl'intro\b", "the intro"),
    (r"\b(?:celle|celui)\s+que\s+j'ai\s+coch(?:é|e)e?\b", "the one i ticked"),
    (r"\b(?:la|le)\s+premi(?:è|e)re?\b|\ble\s+premier\b", "the first one"),
    (r"\b(?:la|le)\s+deuxi(?:è|e)me\b|\bla\s+seconde\b", "the second one"),
    (r"\b(?:la|le)\s+troisi(?:è|e)me\b", "the third one"),
    (r"\b(?:la|le)\s+derni(?:è|e)re?\b|\ble\s+dernier\b", "the last one"),
    (r"\bmets-(?:le|la|les|ça)\s+en\s+haut\b", "move it to the top"),
    (r"\bmets-(?:le|la|les|ça)\s+en\s+bas\b", "move it to the bottom"),
    (r"\bmets\s+(.+?)\s+en\s+haut\b", r"move \1 to the top"),
    (r"\bmets\s+(.+?)\s+en\s+bas\b", r"move \1 to the bottom"),
    (r"\bmets\s+(.+?)\s+en\s+position\s+(\d+)\b", r"move \1 to number \2"),
    (r"\ben\s+haut\s+de\s+la\s+liste\b", "to the top"),
    (r"\b(?:ajoute|ajouter|rajoute)\b(?:\s+à\s+ma\s+liste\b)?", "add"),
    (r"\b(?:efface|supprime|enlève|enleve)-(?:le|la|les)\b", "delete it"),
    (r"\b(?:efface|effacer|supprime|supprimer|enlève|enleve)(?:-(?:le|la|les))?(?![\w-])", "delete"),
    (r"\b(?:décoche|decoche|uncheck)-(?:le|la|les)\b", "untick it"),
    (r"\b(?:décoche|decoche|décocher)(?![\w-])", "untick"),
    (r"\b(?:coche|cocher|checke|checker)-(?:le|la|les)\b", "tick it"),
    # Not "checke la météo pour samedi": a look at the weather, which no tool does.
    (r"\b(?:coche|cocher|checke)(?![\w-])(?!\s+(?:la\s+m[ée]t[ée]o|le\s+temps)\b)", "tick"),
    (r"\bmontre-moi\b|\bmontre(?![\w-])", "show"),
    (r"\b(?:ma|la)\s+liste\b", "my list"),
    (r"\bouvre\b", "open"),
    (r"\b(?:crée|cree|créer|creer)(?:-?\s*moi)?\s+(?:un\s+)?(?:nouveau\s+)?profil\b", "create a profile"),
    (r"\bcherche\s+dans\s+(?:le\s+)?chat\b", "search the chat"),
    (r"\bcherche\b", "search"),
    (r"\b(cancel|annule|annuler)\s+ça\b", "cancel it"),
    (r"\b(?:annule|annuler)\b", "cancel"),
    (r"\b(?:démarre|demarre|commence)\b", "start"),
    (r"\b(?:reviens|retourne|retour)\s+(?:à|a)\s+(?:l'étape|l'etape)\b", "go back to the step"),
    (r"\b(?:reviens|retourne)\s+(?:à|a|au)\b", "go back to"),
    (r"\b(?:renomme|rename)\s+(.+?)\s+en\s+", r"rename \1 to "),
    (r"\bswitch\s+dessus\b", "switch to it"),
    (r"\bmon\s+nom\s+(?:c'est|est)\b", "my name is"),
    (r"\bles\s+comp(?:é|e)titeurs\s+(?:c'est|sont)\b", "the competitors are"),
    (r"\s+pis\s+", " and "),
    (r"\b(?:est|c'est)\s+(?:fait|faite|done|réglé|regle)\b", "is done"),
    (r"\bmets\b(?!-)", "put"),
))

# Swahili and Sheng: their asking words ("weka", "ondoa", "nionyeshe", "anza", "tafadhali") mark it. A verb may come
# last ("ile ya parcel ifute"); "na" joins ("guardian, tahmeed na dreamline"); "ya", "za" and "wa" stay in a thing's
# words ("service ya KDA 557M", "fuel recipts za wiki hii").
_SWAHILI = re.compile(r"\b(?:weka|iweke|ondoa|ifute|futa|nionyeshe|onyesha|anza|tengeneza|imeisha|zimeisha|ishafanywa|"
                      r"tafadhali|tafadhli|niaje|nilitick|poa|inaitwa|kabisa|mwisho|yangu|zangu|iwe|rudi\s+(?:kwa|step)|"
                      r"(?:competitors|analysis|greeting)\s+ni)\b",
                      re.IGNORECASE)
_IN_SWAHILI = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"[,\s]*\b(?:tafadhali|tafadhli|tafadhari)\b", ""),
    (r"\b(?:nionyeshe|nioneshe|onyesha)\b", "show"),
    (r"\b(list|todos)\s+(?:yangu|zangu)(?:\s+(?:yote|zote))?\b", r"my \1"),
    (r"\bile\s+nili-?tick\b", "the one i ticked"), (r"\bile\s+ya\s+(\w+)\b", r"the \1 one"),
    (r"\biweke\s+juu(?:\s+kabisa)?\b", "move it to the top"), (r"\biweke\s+(?:mwisho|chini)(?:\s+kabisa)?\b", "move it to the bottom"),
    (r"\bweka\s+(.+?)\s+(?:juu|top)(?:\s+kabisa)?\b", r"move \1 to the top"),  # "weka renew PSV badge top kabisa"
    (r"\bweka\s+(.+?)\s+(?:mwisho|chini)(?:\s+kabisa)?\b", r"move \1 to the bottom"),
    (r"\b(competitors|analysis|name|greeting)\s+(?:weka|iwe|ni)\b", r"\1:"), (r"\bkwa\s+list\b", "to the list"), (r"\bweka\b", "add"), (r"\bondoa\b", "delete"),
    (r"^\s*(.+?)\s+(?:ifute|futa|iondoe)\b", r"delete \1"),
    (r"\banza\b", "start"), (r"\btengeneza\b", "create"), (r"\binaitwa\b", "called"),
    (r"\b(start|create)\s+(.+?)\s+mpya\b", r"\1 a new \2"), (r"\bmpya\b", "new"),
    (r"\brudi\s+(?:kwa\s+)?(?:step\s+ya\s+)?(\w+)(?:\s+step)?\b", r"go back to the \1 step,"),
    (r"\bjina\s+langu\s+ni\b", "my name is"),
    (r"\b(?:edit|badilisha|change)\s+iwe\b", "change it to"), (r"\b(?:edit|badilisha|change)\s+(.+?)\s+iwe\b", r"change \1 to"),
    (r"^\s*(?:poa|sawa)(?:\s+(?:poa|sawa|sana))*\b[,.!\s]*", ""),  # "poa poa thats all for now": fine, fine
    (r"\s+zote\s+(?:zimeisha|zimefanywa)\b", ""), (r"\s+(?:imeisha|zimeisha|ishafanywa|imefanywa)\b", " is done"),
    (r"\s+nimesha\w+\b", ""), (r"\s+na\s+", " and "), (r"\b(tick|delete|move|untick|change)\s+(?:hiyo|hio|hii)\b", r"\1 it"),
))

# Words that only a Taglish request has, and small ones that two of mark one.
_TAGALOG = re.compile(r"\b(?:po(?!-)|yung|naman|pala|tas|tapos|tsaka|kasi|balik|pakita|gawin|pangalawa|pinaka|sige|nga|sila|"
                      r"sya|siya|kay|nasend|daw)\b", re.IGNORECASE)
_TAGALOG_SMALL = re.compile(r"\b(?:mo|na|ko|lang|sa|ni|ang|hehe|pa|di|ng)\b", re.IGNORECASE)
_IN_TAGLISH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    # "paki-"/"pa-" make a verb a polite ask: "pakidelete yung X", "pa-add naman po: X", "paki-untick po".
    (r"\b(?:switch|lipat|ilipat)\s+(?:mo\s+)?(?:ko|ako)\s+sa\b", "switch to"),
    (r"\bpaki-?\s*(?:lagay|lipat)\b|\b(?:ilagay|ilipat|lipat)(?:\s+mo)?\b", "move"),
    (r"\bpwede\s+(?:ba\s+)?(?:pa-?\s*)?(?=(?:add|open|delete|remove|tick|untick|show|start|cancel|switch|search)\b)",
     "can you "),
    (r"\b(?:tapos|done)\s+na\s+(?:po\s+)?(?:yung\s+)?(.+?)\s+tsaka\s+(?:yung\s+)?(.+?)(?=,|$)", r"tick \1 and tick \2"),
    (r"\b(?:ay\s+)?hindi\s+pa\s+(?:pala\s+)?tapos\s+(?:yung\s+)?(.+?)(?=[,.!?]|\s+(?:paki-?\s*)?un|$)", r"\1 is not done"),
    (r"\s+done\s+na\b", " is done"),
    (r"\bstart((?:\s+(?:po|naman))*)\s+ng\b(?!\s+bagong)", r"start\1 the"), (r"\bname\s+ko\s+(?:ay\s+)?", "my name is "),
    (r"\bano\s+(?:na\s+)?(?:ba\s+)?(?:ang\s+)?nasa\b", "what is on"),
    (r"\b(add|open)((?:\s+(?:po|naman|na\s+rin))*)\s+ng\b(?!\s+bagong)", r"\1\2"),
    (r"\bhabang\s+nandito\s+ako\s+", ""), (r"\s+para\s+malinis\b", ""),
    (r"\b(?:paki|pa)-?\s*(?=(?:add|delete|remove|tick|untick|uncheck|check|change|edit|search|show|open|start|cancel|"
     r"finali[sz]e|switch|move)\b)", ""),
    (r"\b(untick|uncheck|delete|tick|check|finali[sz]e|start|cancel)((?:\s+(?:po|na|naman|lang))*)\s*(?=[.!?]*\s*$)",
     r"\1 it"),
    (r"\byung\s+(.+?)\s+(?:paki)?palitan\s+(?:mo\s+)?ng\s+", r"change the \1 to "),
    (r"^\s*(\w+)\s+(?:po\s+)?(?:ang\s+)?name\s+ko\b", r"my name is \1"),
    (r"\bname\s+(?:nya|niya|nito)\b", "named"), (r"\bng\s+bagong\s+(?=profile|competitive|run|one)\b", "a new "),
    (r"(?<!\bsa\s)\b(?:yung\s+)?(?:nasa\s+)?pinaka-?\s*(?:baba|huli)\b", "the bottom one"),
    (r"(?<!\bsa\s)\b(?:yung\s+)?(?:nasa\s+)?pinaka-?\s*(?:una|taas)\b", "the first one"),
    (r"\byung\s+pangatlo\b|\bpangatlo\b", "the third one"),
    (r"\byung\s+(?:na-?)?tinick\s+ko\b|\byung\s+na-?tick\s+ko\b", "the one i ticked"),
    (r"\bsa\s+todo(?:\s+ko)?\b", "to my list"), (r"\btodos\s+ko\b", "my todos"), (r"(?<=\bshow)\s+ng\b", ""),
    (r"\b(?:ano\s+nga\s+ulit|ano)\s+yung\s+sinabi\s+ko\b", "what did i say"), (r"\babout\s+sa\b", "about"),
    (r"\bay\s+wait\b", "no wait"),
    (r"\s*,?\s*\b(?:bago\s+ko\s+makalimutan|na\s+lang\s+pala|na\s+rin|kanina|dati)\b", ""),
    (r"(?<=\badd)\s+ko\s+lang\b", ""),
    (r"\s*\b(?:po(?!-)|naman|na\s+lang|na\s+rin|pala|nga|eh|huhu|hehe|yay|yey)\b", ""),  # a "po-boy" is a sandwich
    (r"\btapos\s+na\s+(?:po\s+)?(?:yung\s+)?(.+?)(?:\s+ko)?(?=,|$)", r"\1 is done"),  # "tapos na yung X": X is done
    (r"\b(?:done|tapos)\s+na\s+(?:po\s+)?yung\s+", "done "),
    (r"\s+(?:tas|tapos|tsaka)\s+", " and then "),
    (r"\b(add|tick|delete|edit|compare|search|move|remove|check|change|untick|cancel|start|switch|open|show)\s+mo(?:\s+na)?\b",
     r"\1"),
    (r"\bpa\s*(tick|check|delete|add)\b", r"\1"),
    (r"\bsa\s+pinaka\s*baba\b|\bsa\s+baba\b", "to the bottom"),
    (r"\bsa\s+pinaka\s*taas\b|\bsa\s+taas\b|\bsa\s+top\b", "to the top"),
    (r"\b(?:balik|bumalik)\s+(?:tayo\s+)?sa\b", "go back to"),
    (r"\b(?:pakita|ipakita)\s+(?:mo\s+)?(?:ang\s+)?", "show "),
    (r"\blist\s+ko\b", "my list"),
    (r"\bsa\s+(?=list\b)", "on the "),
    (r"\bsila\b", "them"),
    (r"\s*,?\s*gawin\s+mo(?:ng)?\s+", " to "),
    (r"\byung\s+pangalawa\b|\bpangalawa\b", "the second one"),
    (r"\b(?:yung\s+)?huling\s+(?:in-?add|ni-?add|dinagdag)\s+ko\b", "the last thing i added"),
    (r"\b(?:yung\s+)?(?:huli|huling\s+item)\b", "the last one"),
    (r"\byung\s+(?=first|second|third|last)", "the "),
    (r"\byung\s+", "the "),
    (r"\bmove\s+to\s+the\s+(top|bottom)\s+(?!(?:pls|please|it)\b)(.+?)(?=,|$)", r"move \2 to the \1"),  # "ilipat mo sa top yung X"
    (r"\bmove\s+to\s+the\s+(top|bottom)\b(?=\s*(?:pls|please)?\s*[.!]*$)", r"move it to the \1"),
    (r"\bsa\s+(?=(?:greeting|name|competitors|analysis)\b)", "as the "),  # "good morning na lang sa greeting"
))


# Singlish's particles and endings, which mark it: "remove the first one can?", "can help me add eggs or not",
# "rent pay already", "cancel it lah".
_SINGLISH = re.compile(r"\b(?:lah|leh|lor|meh|hor|aiyo|aiyah|alamak|wah|shiok|paiseh|tapau|makan)\b|\balready\s*(?:[,.!]|$)|"
                       r"\bcan\s*\?|\bor\s+not\s*\??\s*$", re.IGNORECASE)
_IN_SINGLISH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"^\s*(?:ok\s+)?done\s+(?:lor|lah|liao)\b[,!.\s]*(?=\w)", ""),  # "done lor, finalize pls": fine then
    (r"\s*,?\s*\b(?:lah|leh|lor|meh|hor)\b(?=\s*(?:[,.!?]|$))", ""),
    (r"^\s*can\s+(?:help\s+(?:me\s+)?)?((?:add|put|delete|remove|tick|untick|move|change|start|cancel|open|show|make|"
     r"search|switch)\b.+?)\s+or\s+not\s*\??\s*$", r"can you \1"),
    (r"[\s,]+can(?:\s+or\s+not\s*\?*|\s*\?+)\s*$", ""),  # "…, can?", "… can or not"
    (r"^\s*(?:alamak|aiyo+|aiyah)\b[,!.\s]*(?:(?:i\s+)?forgot\b[,!.\s]*)?", ""),  # "alamak forgot, add …"
    (r"\b(?:done|dome|paid|pay|finish(?:ed)?|settled?|bought|called|ordered|cleaned)\s+already\b", "done"),
))

# Hong Kong English (Kongish): "jor" says done ("eggs buy jor", "print floor plan ok jor"), "add oil" cheers, and a
# closing "la", "ga", "wor", "ar" asks nothing ("send OP to Mr Lee la").
# "add oil" cheers only where nothing follows it but a tag or a mark: "add oil change" is a todo.
_ADD_OIL = r"\badd\s+oil\b(?:\s+(?:la|me|ar|ga))*(?=\s*(?:[!.,?]|$))"
_KONGISH = re.compile(r"\b(?:jor|wor|ga|hea|mafan)\b|" + _ADD_OIL, re.IGNORECASE)
_IN_KONGISH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"[\s,]*" + _ADD_OIL, ""),
    (r"\s+(?:buy|bought|ok|did|sent|paid|eat|ate)\s+jor\b", " is done"),  # "X done jor" stays "X done"
    (r"\b(tick|done|finish(?:ed)?|ok)\s+jor\b", r"\1"), (r"[\s,]*\bjor\b", ""),
    (r"[\s,]*\b(?:la|ga|wor|ar|lor)\b(?=\s*(?:[,.!?]|$))", ""),
    (r"(?<=\w)\s+put\s+(bottom|top)\b", r", move it to the \1"),
))

# Indonesian in English (a Jakarta shop owner's "tolong add X ya", "hapus X dong", "X ganti jadi Y", "taruh paling
# bawah aja"): its asking words are read as English, its closing tags ("ya", "dong", "sih", "aja") ask nothing, and
# a reason it gives ("biar jelas", "soalnya …", "katanya") is cut; a thing's own Indonesian words stay as typed.
_INDONESIAN = re.compile(r"\b(?:tolong|tambahin|tambahkan|hapus(?:in)?|centang(?:in)?|bikin(?:in)?|taruh|pindahin|"
                         r"udah|dong|sih|aja|nya|gak|nggak|banget|kayak|jangan|artinya|maksudnya|dua2nya|abis\s+itu|ganti\s+jadi|balik\s+ke)\b",
                         re.IGNORECASE)
_IN_INDONESIAN = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\b(\w+(?:\s+\w+)?)\s+itu\s+(?:artinya|maksudnya)\s+apa\b", r"what does \1 mean"),
    (r"[\s,]+(?:ya\s+)?(?:biar|soalnya|karena|katanya|jangan\s+sampe)\b.*$", ""),
    (r"\s*\b\w+\s+lagi\s+katanya\b", ""), (r"[\s,]*\bpaling\s+penting\b", ""), (r",\s*buat\b.*$", ""),
    (r"\btolong\s+", "please "), (r"\b(?:tambahin|tambahkan)\b", "add"), (r"\bhapus(?:in)?\b", "delete"),
    (r"\bcentang(?:in)?\b", "tick"), (r"\bbikin(?:in)?\s+(profile|todo)\s+baru\s+namanya\b", r"create a new \1 called"),
    (r"(?<=\w)\s+(?:taruh|pindahin)\s+(?:ke\s+)?paling\s+bawah\b", ", move it to the bottom"),
    (r"(?<=\w)\s+(?:taruh|pindahin)\s+(?:ke\s+)?paling\s+atas\b", ", move it to the top"),
    (r"^(.+?)\s+ganti\s+jadi\s+(.+)$", r"change \1 to \2"), (r"\bbalik\s+ke\b", "go back to"),
    (r"\budah\s+bener\s+semua\b", "all good"), (r"^udah\s+(?:beres|kelar|selesai)\s+([^,.]+)", r"\1 done"),
    (r"\budah\s+(?:beres|kelar|selesai)\b", "done"), (r"\budah\s+(?=done\b)", ""),
    (r"\budah\s+(?:bayar|beli|kelar|selesai)\s+(?=\w)", ""), (r"\b(switch|go|move|post|send)\s+ke\b", r"\1 to"),
    (r"\b(tick|delete|move)\s+(?:ya|dong)\b", r"\1 it"), (r"\b(?:abis\s+itu|terus)\b", "then"), (r"\s+juga\b", ""),
    (r"(?<=\w)\s+sama\s+(?=\w)", " and "), (r"\s+nya\b", ""), (r"\bdua(?:2|-dua)nya\b", "both"),
    (r"\s+tadi\b", ""), (r"\bcari\s+di\s+chat\b", "search the chat"),
    (r"(?:[\s,]*\b(?:ya+|yah|dong|sih|aja|deh|nih)\b)+(?=\s*(?:[,.!?]|$))", ""),
))

# Dutch-English: its words ("graag", "afvinken", "hè", "gezellig", "dank je") mark it. "even" and "graag" soften an
# ask.
_DUTCH = re.compile(r"\b(?:graag|afvinken|hè|gezellig|dank\s+je(?:\s+wel)?|eigenlijk|alsjeblieft|doei|nou)\b", re.IGNORECASE)
_IN_DUTCH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"[\s,]*\b(?:graag|hè|nou|alsjeblieft)\b(?=\s*(?:[,.!?]|$))", ""), (r"\b(?:nou|even)\s+(?=\S)", ""),
    (r"\b(\w+(?:\s+\w+)?),?\s+afvinken\b", r"tick \1"), (r"\bafvinken\b", "tick"),
    (r"\bdank\s+je(?:\s+wel)?\b", "thanks"),
))

# German in English (and the Turkish "yani", "I mean", of a Turkish-German writer): only its asking and filler words
# are read ("add Mensa Karte aufladen bitte", "mach it undone", "at the Ende of the list", "'A' und 'B'"); a todo's
# own German words stay as typed, its "und" too, so only an "und" between two quoted things is an "and".
_GERMAN = re.compile(r"\b(?:bitte|mach|Ende|yani)\b|[\"'”’]\s+und\s+[\"'“‘]", re.IGNORECASE)
_IN_GERMAN = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"[\s,]+bitte(?=\s*(?:[,.!?]|$))", ""), (r"^bitte\s+", "please "), (r"\bmach\s+(?=it\b|es\b|das\b)", "make "),
    (r"\b(?:at\s+the|am)\s+Ende\b", "at the end"), (r"(?<=[\"'”’])\s+und\s+(?=[\"'“‘])", " and "),
    (r",?\s*\byani\b", ""),
))

# Shetland dialect: "da" for "the", "hit" for "it", "een" for "one", "ta" for "to", "tap" for "top", "pit" for
# "put", "tak" for "take". Only the asking words are read ("tak hit aff da list", "move da second item doon ta da
# bottom", "change X ta say Y"); a thing's own words stay as typed ("phone da vet aboot da coo").
_SHETLAND = re.compile(r"\b(?:da|dem|dere|du|dee|dunna|peerie|een|eens|baith|doon|tak|aboot)\b", re.IGNORECASE)
_SHETLAND_ONLY = re.compile(r"\b(?:du|dee|dunna|peerie|een|eens|baith|doon|tak|aboot)\b", re.IGNORECASE)
_SHETLAND_ASKING = re.compile(r"\bta\s+da\b|\b(?:tick|tak|move|shift|pit|change|mak)\s+hit\b|\been\b", re.IGNORECASE)
_IN_SHETLAND = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\b(tick|tak|take|move|shift|pit|put|change|mak|make|delete|remove|scrap|score|find|search|open|start|cancel)\s+hit\b",
     r"\1 it"),
    (r"\bda\s+(?=(?:strongest|best|biggest|weakest|orphan|pages?|name|greeting|competitors|analysis)\b)", "the "),
    (r"\b(say|said|tell|told|write|wrote)\s+(earlier\s+|before\s+)?aboot\b", r"\1 \2about"),
    (r"\btak\b", "take"), (r"(?:^|(?<=[,.;!?]\s)|(?<=\ban\s))pit\b", "put"), (r"\bmak\s+(?=it\b)", "make "),
    (r"\b(?:doon\s+(?:at|ta|tae|to)|ta|tae)\s+da\s+(?:very\s+)?bottom\b", "to the bottom"),
    (r"\bat\s+da\s+bottom\b", "at the bottom"), (r"\b(back|move|shift|it|hit|up)\s+ta\s+da\b", r"\1 to the"),
    (r"\bta\s+me\s+list\b", "to my list"), (r"\bme\s+list\b", "my list"),
    (r"\b(?:up\s+)?(?:ta|tae|to)\s+da\s+(?:tap|top)\b", "to the top"),
    (r"^\s*mind\s+me\s+(?:ta|tae)\s+", "remind me to "),
    (r"(?<!\bwi\s)(?<!\bwith\s)(?<!\bof\s)\b(?:yon|da|dat)\s+(top|tap|bottom|first|second|third|last)?\s*een\b", lambda m: f"the {(m.group(1) or '').replace('tap', 'top')} one".replace("  ", " ")),
    (r"\byon\s+een\b", "the one"), (r"\bda\s+(top|first|second|third|last)\s+(item|eens)\b", r"the \1 \2"),
    (r"\beens\b", "ones"), (r"\bdem\b", "them"), (r"\bbaith\b", "both"), (r"\bta\s+say\b", "to"),
    (r"^(\s*change\s+.+?)\s+ta\s+(?=\w)", r"\1 to "), (r"\bsud\s+(?:really\s+)?say\b", "should say"),
    (r"\bset\s+da\s+lang\s+(job|een)\s+gyaan\b", r"start the long \1"), (r"\bda\s+chat\b", "the chat"),
    (r"\bda\s+list\b", "the list"), (r"\bthe\s+tap\b", "the top"),
    # "an" joins two asks or the two things of "baith"; inside a thing ("fix hill grind an da dyke") it stays as typed.
    (r",\s+an\s+(?=\w)", ", and "), (r"\ban\s+(?=(?:pit|put|tick|tak|take|add|delete|remove|move|shift|change|mak|make)\b)", "and "),
    (r"\b(both|baith)\s+([\w'-]+(?:\s+[\w'-]+)?)\s+an\s+", r"\1 \2 and "), (r"\bas\s+weel\b", "as well"), (r"\bon\s+dere\b", "on there"),
))

# Finnish touches: "no niin" (well then), "kiitos", "moi", "joo", "vähän" (a bit), "poista" (delete) mark it. The
# greetings, thanks and fillers ask nothing; "poista se" is "delete it".
_FINNISH = re.compile(r"(?<!\w)(?:no\s+niin|kiitos|moi|joo|vähän|poista|äiti)(?!\w)", re.IGNORECASE)
_IN_FINNISH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"(?:^|(?<=[.!?]\s))\s*(?:no\s+niin|moi|joo)\s*[,.!]*\s*", ""), (r"[\s,]+(?:no\s+niin|joo|kiitos)\s*[.!]*$", ""),
    (r",?\s+no\s+niin\s*!?(?=\s*(?:then|and)\b)", ","), (r"(?<!\w)vähän(?!\w)", "a bit"),
    (r"(?<!\w)poista\s+se(?!\w)", "delete it"), (r"(?<!\w)poista\s*\.{2,}\s*(?:sorry\b,?\s*)?", ""),
    (r"(?<!\w)poista(?!\w)", "delete"),
))

# Kannada touches in Bengaluru English: "maga", "swalpa" (a bit), "aytu" (it's become), "beda" (not wanted),
# "maadi"/"madko" (do) mark it. Addressing words and fillers ask nothing; "done aytu" is "is done"; "X beda" says X
# is not wanted, and "adu beda" ("that's not wanted") after an ask is only its reason.
_KANNADA = re.compile(r"\b(?:maga|swalpa|aytu|beda|maadi|madko|haaku|sakku|beku|nodbeku|madtidini)\b", re.IGNORECASE)
_IN_KANNADA = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r",?\s+adu\s+beda\s*[.!]*$", ""), (r"\b(done|paid|finished|sorted)\s+aytu\b", r"is \1"),
    (r"\b(\w+)\s+aytu\b", r"\1 done"), (r"\bbeda\s+anymore\b", "not needed anymore"), (r"\bbeda\b", "not needed"),
    (r"\bnote\s+madko\b", "note"), (r"\s+maadi\b", ""),
    (r"\s+haaku(?:\s+(?:maga|guru))?(?=\s*(?:[,.!?]|$))", ""), (r"\bhaaku\b", "put"),
    (r"[\s,]*\b(?:maga|guru|swalpa)\b(?=\s*(?:[,.!?]|$))", ""), (r"^\s*(?:maga|guru)\b[\s,]*", ""),
    (r"\b(?:maga|guru|swalpa)\s+", ""),
))

# Scots: its own words ("cannae", "gonnae", "tae", "fae", "aff") mark it, or two of its small ones ("aye", "naw",
# "wee", "ye", "wi"). Only the asking words are read as English ("tick that aff", "switch tae work", "start the
# hello yin an put ma name in"); "ma", "fir", "fae" and "aboot" stay, as a thing's own words ("sort ma rota fir
# next month").
_SCOTS = re.compile(r"\b(?:\w+nae|gonnae|tae|aff|oot|gies|whit|jist|afore|yin|hev|dae|wrang|naebody|didnae)\b", re.IGNORECASE)
_SCOTS_SMALL = re.compile(r"\b(?:aye|naw|wee|ye|wi|ma|fir|fae|an|the\s+now|ken|hen|pal)\b", re.IGNORECASE)
_IN_SCOTS = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\btae\b", "to"), (r"\baff\b", "off"), (r"\boot\b", "out"), (r"\byin\b", "one"), (r"\bwhit\b", "what"),
    (r"\bdae\b", "do"), (r"\bhev\b", "have"), (r"\bgies\b", "give me"), (r"\bye\b", "you"), (r"\bjist\b", "just"),
    (r"\bwi\b", "with"), (r"\bnaw\b", "no"), (r"\bafore\b", "before"), (r"\bwrang\b", "wrong"),
    (r"\s*\bthe\s+now\b", ""),
    (r"[\s,]*\baye\s*[.!]*\s*$", ""),
    (r"(?<=\bchats\s)fir\b|(?<=\bchat\s)fir\b", "for"),
    # "a put the garage number in here", "a spelt it wrang": "a" before a verb is "I".
    (r"\ba(?=\s+(?:put|did|got|had|was|wis|have|think|forgot|spelt|ticked|need|dinnae|didnae|cannae|missed|said|tellt|"
     r"phoned|added)\b)", "I"),  # "look back in ma chats fir kwik fit": what to search for  # "change call mum tae call mum sunday aye": a yes said at the end
    (r"\ban\s+(?=(?:add|open|untick|uncheck|erase|edit|undo)\b)|\ban\s+(?![aeiou])", "and "),  # else the article
    (r"\bthe\s+(\w+)\s+bit\b", r"the \1 step"),  # "go back tae the name bit"
))

# Yorkshire: "t'" before a word ("t'last un", "on t'list"), or its own words ("nowt", "owt", "summat", "reet"),
# mark it. Only "t'" before a place, a pointer or a step is read as "the"; a thing keeps its own ("take Jess to t'vet").
_YORKSHIRE = re.compile(r"\bt'(?=[a-z])|\b(?:nowt|owt|summat|reet|nobbut|mardy|parky|mitherin|thissen|missen)\b|"
                        r"\ban\s+all\s*[.!]*$|\b(?:new|that|this|top|last|first|second|third|other|wrong|next)\s+un\b",
                        re.IGNORECASE)
_IN_YORKSHIRE = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\bt'(?=(?:top|bottom|last|first|second|third|fourth|list|competitors|name|greeting|analysis|end|step|"
     r"other|un|one|new)\b|(?-i:[A-Z]))", "the "),
    (r"\b(first|second|third|fourth|last|top|bottom|that|this|new|next|other)\s+un\b", r"\1 one"),
    (r"\bo\s+(?=the\b)", "of "), (r"\btek\b", "take"), (r"\bmornin\b", "morning"), (r"\bafore\b", "before"),
    (r"\bme\s+(?=(?:list|name|todos?)\b)", "my "), (r"\b(?:tha|thee)\b", "you"), (r"\bswitch\s+us\s+(?:onto|on\s+to|over\s+to|to)\b", "switch to"),
    (r"[\s,]+an\s+all\b", ""), (r"\s+an\s+(?=[b-df-gj-np-tv-z])", " and "),  # "an" before a consonant (not "an hour")
))

# Nigerian Pidgin: its own words ("abeg", "wetin", "wey", "dey") mark it. "am" after a verb is "it" (read
# elsewhere); here the places and pointers: "move am go top", "put am number 2", "the one wey i add last".
# "wey" and "dey" stay inside a thing's words ("follow up the customer wey want iPhone 12 case").
_PIDGIN = re.compile(r"\b(?:abeg|wetin|wey|dey|oga|sef|abi|wahala|no\s+vex|go\s+top|(?:put|move|carry|make|delete)\s+am|"
                     r"sharp\s+sharp|make\s+i|comot|enter\s+am)\b", re.IGNORECASE)
_IN_PIDGIN = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\b(?:move|carry|put)\s+am\s+go\s+(top|bottom)\b", r"move it to the \1"),
    (r"\bput\s+am\s+(?:for\s+)?number\s+(\d+)\b", r"move it to number \1"),
    (r"\b(?:the\s+one\s+)?wey\s+i\s+add\s+last\b", "the last thing i added"),
    (r"\bwetin\s+remain\s+(?:for|on|in)\s+my\s+(?:todo|list)\b", "what is left on my list"),
    (r"\bwetin\s+dey\s+(?:for\s+|on\s+)?my\s+(list|todos?)\b", r"what is on my \1"),
    (r"[\s,]*\bsharp\s+sharp\b", ""), (r"[\s,]*\bmake\s+i\s+no\s+forget\b", ""),  # "quick quick", "before i forget"
    (r"\bremind\s+me\s+make\s+i\s+", "remind me to "), (r"\bden\s+(?=\w)", "then "),
    (r"\b(?:add|put)\s+(.+?)\s+for\s+my\s+(?:todo|list)\b", r"add \1 to my todo list"),
    (r"\bswitch\s+me\s+(?:enter|go|into|inside)\s+(?:am|it)\b", "switch to it"),
    (r"\bthe\s+one\s+(?:wey|we)\s+(?:i\s+)?don\s+(?:do|tick)\b", "the one i ticked"),
    (r"\s*\bcomot\s+(?:for|from)\s+(?:the\s+|my\s+)?list\b", " from the list"),
    (r"^\s*(?!(?:add|put|abeg|oya|make|greeting|name|competitors|analysis)\b)(\S.{1,60}?)\s+make\s+am\s+(?=\S)", r"change \1 to "),  # "earpiece 20 pieces make am 30 pieces"
    (r"^\s*(?!(?:the|that|this|add|put|tick|delete|remove|move|abeg)\b)((?:(?!\b(?:then|and)\b)[^,])+?)[,\s]+move\s+(?:it|am)\s+to\s+"
     r"(number\s+\d+|the\s+top|the\s+bottom)\b", r"move \1 to \2"),
))

# Brazilian Portuguese: its asking words ("adiciona", "apaga", "marca … como feito", "muda pra", "coloca no topo")
# mark it. "muda pra Work" switches; "muda X pra Y" and "o segundo, muda pra Y" change a thing's words.
_PORTUGUESE = re.compile(r"\b(?:adiciona|adicionar|apaga|apague|deleta|desmarca|muda|coloca|joga|mostra|cria|corrige|"
                         r"cancela|começa|comeca|compara|procura|pfv|valeu|meu\s+nome|abre|finaliza|roda|volta|tenho|"
                         r"marca\s+como|como\s+feit[oa]|primeir[oa]|[úu]ltim[oa]|aquel[ea]|pra|hj|vc|pode|apagar|(?-i:mover)|^Mover|sobe|"
                         r"bora|completa|concorrentes|quais|né|então|procurar|iniciar|começar|comecar|analisa|pro\s+topo|vai\s+pr[oa]|"
                         r"são|beleza|depois|terminei|os\s+dois|as\s+duas|já|põe|tira|se\s+faz\s+favor|pá|olha|da\s+lista|"
                         r"na\s+lista)(?!\w)|"
                         r"['\"”’]\s+e\s+['\"“‘]", re.IGNORECASE)
_IN_PORTUGUESE = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    # "pode apagar o último?", "pode colocar meu nome, é Fernanda", "bora começar uma análise competitiva":
    # "pode" asks as "can you" does; the verbs in their long form are the short ones.
    # Lisbon: "põe X na lista se faz favor", "tira o X pá", "tira milk e eggs da lista", "olha, …".
    (r"[\s,]*\bse\s+faz\s+favor\b", " please"), (r"^\s*(?:olha|pá|pronto)\b[\s,]*", ""), (r"[\s,]+pá\b", ""),
    (r"\bpõe\s+(.+?)\s+na\s+(?:minha\s+|a\s+)?lista\b", r"add \1 to my list"), (r"\bpõe\b", "put"),
    (r"\btira\s+(?:o|a|os|as)\s+", "delete "), (r"\btira\b", "delete"),
    (r"[\s,]*\b(?:né|então|tipo)\b(?!\s*(?!k{3,})[^\W\d_])", ""),
    # "add pay IPTU beleza? …": "beleza?" asks for an OK, as "…, ok?" does; "depois" is "then", "são" is "are".
    (r"\s*,?\s*\bbeleza\s*\?", "."), (r"\bdepois\b", "then"), (r"\b(competitors)\s+são\b", r"\1 are"),
    (r"\bterminei\b", "I finished"), (r"\bcoloca\s+a[íi](?:\s+pra\s+mim)?\s*:", "add:"),
    (r"\bmarca\s+(?:os|as)\s+(?:dois|duas)\s+como\s+(?:feit[oa]s?|conclu[íi]d[oa]s?|pront[oa]s?|done)\b", "tick both"),
    (r"\bj[áa]\s+(?=(?:marca|tick)\b)", ""), (r"\b(?:marca|tick)\s+(?:it\s+)?as\s+done\b", "tick it"),
    (r"(\b(?:começar|comecar|iniciar)\b[^?]*?)[\s,]*\bpode\s+(?:iniciar|começar|comecar)\s*\?", r"\1"),  # "bora começar …, pode iniciar?"
    (r"^\s*(?:então|tipo|bora)\b[\s,]*", ""),
    (r"\bn[ãa]o,?\s+pera\b", "no wait"), (r"\be\s+(?:também|tambem)\b", "and also"), (r"\b(?:também|tambem)\b", "also"),
    (r"\bs[óo]\s+(?=\w)", "just "), (r"[\s,]*\b[ée]\s+urgente\b", ""),
    (r"\b(?:pode\s+)?colocar\s+meu\s+nome\s*,?\s*[ée]\b", "my name is"),
    (r"\b(?:o|a)\s+(primeir[oa]|segund[oa]|terceir[oa]|[úu]ltim[oa])\s+pode\s+ir\s+(?=pr[oa]\b)", r"move o \1 "),
    (r"\bpode\s+(?=\w)", "can you "), (r"\bapagar\b", "apaga"), (r"\b(?-i:mover)\b|^Mover\b", "move"), (r"\bcan\s+you\s+marcar(?=\s*(?:[?!.]|$))", "can you tick it"),
    (r"\b(?:começar|comecar|iniciar|inicia)\b", "start"), (r"\bpreencher\s+os\s+dois\b", "submit both"),
    (r"\buma\s+an[áa]lise\s+competitiva\b|\bo\s+competitive\s+analysis\b", "the competitive analysis"),
    (r"\b(?:o|a)\s+(primeir[oa]|segund[oa]|terceir[oa]|[úu]ltim[oa])\s+da\s+lista\b", r"o \1"),
    (r"\bmandar\s+(?:um\s+)?(?:e-?mail|mensagem|whats(?:app)?|zap)\b", "send an email"),
    (r"\bos\s+concorrentes\s+s[ãa]o\b", "the competitors are"),
    (r"(\bcompetitors(?:\s+are|\s*:)\s(?:(?!\b(?:compar|analis))[^.!?])*?)\s+e\s+(?=(?-i:[A-Z0-9]))", r"\1 and "),  # "Nubank, Inter e C6"
    (r"\b(?:compara|analisa)\s+(?:eles|elas)\s+(?:em|no|na|por)\b", "compare them on"),
    (r"(?<=[\w\U0001F300-\U0001FAFF])\s+e\s+(?=compare\s+them\b)", ", and then "),
    (r"\bcria\s+(?:um\s+)?(?:profile|perfil)\b", "create a profile"),  # voice typing's filler "um" may be gone
    (r"\b(?:e\s+)?(?:já\s+)?muda\s+pra\s+ele\b", "and switch to it"),
    (r"\bsobe\s+(.+?)\s+pr[ao]\s+(?:a\s+)?(primeira|segunda|terceira|quarta|quinta)\s+posi[çc][ãa]o\b",
     lambda m: f"move {m.group(1)} to number {'primeira segunda terceira quarta quinta'.split().index(m.group(2).lower()) + 1}"),
    (r"\b(?:sobe|move)\s+(.+?)\s+pro\s+topo\b", r"move \1 to the top"),
    (r"\bmove\s+(.+?)\s+pro\s+final(?:\s+da\s+lista)?\b", r"move \1 to the bottom"),
    (r"\bprocurar?\s+na\s+conversa\s+(?:onde|quando|o\s+que)\s+eu\s+falei\s+(?:d[oa]s?|sobre(?:\s+[oa])?)\s+", "search the chat for "),
    (r"\bquais\s+s[ãa]o\s+(?:os\s+)?meus\s+(todos|to-?dos|tarefas)\b(?:\s+mesmo)?", "what are my todos"),
    (r"\bvai\s+pr[oa]\s+(?=\w)", "go to "), (r"\bcompleta\b", "complete"),
    (r"(['\"”’])\s+e\s+(?=['\"“‘])", r"\1 and "),  # "add 'comprar café' e 'lavar o carro'"
    (r"\s*[✅]?\s*\bfeito\s*!+\s*(?=can\s+you\s+tick\s+it\b)", " is done! "),
    (r"(?<=\S)\s*,?\s*\b(?:pfv|pf|valeu|por\s+favor|obrigad[oa])\b[!.]*", ""),
    (r"\bmarca\s+como\s+feit[oa](?=\s*(?:k{3,}|[^\w\s'\"“‘]|$))", "tick it"),  # "só marca como feito kkkk"
    (r"\bmarca\s+como\s+feit[oa]\s+(?:o\s+|a\s+)?(?=\S)", "tick "),
    (r"[,\s]*\bmarca\s+como\s+feit[oa]\b", ", tick it"),
    (r"\baquel[ea]\s+q(?:ue)?\s+eu\s+marquei\b", "the one i ticked"),
    (r"\baquel[ea]\s+d[oa]\s+(\w+)\b", r"the \1 one"),
    (r"\b(?:me\s+)?mostra\b(?!\s+(?:a\s+)?(?:minha\s+)?lista\b)", "show"),
    (r"\babre\b", "open"), (r"\bfinaliza\b", "finalize"), (r"\broda\b", "run"),
    (r"\bpra\s+(?:a\s+)?posi[çc][ãa]o\s+(\d+)\b", r"to number \1"),
    (r"\bvolta\s+(?:pro|pra|para\s+o|ao)\s+passo\s+d[oa]s?\s+(\w+)", r"go back to the \1 step"),
    (r"\b(?:o|a)\s+primeir[oa]\b", "the first one"), (r"\b(?:o|a)\s+segund[oa]\b", "the second one"),
    (r"\b(?:o|a)\s+terceir[oa]\b", "the third one"), (r"\b(?:o|a)\s+[úu]ltim[oa]\b", "the last one"),
    (r"\bmarca\s+(.+?)\s+como\s+(?:feit[oa]|conclu[íi]d[oa]|pront[oa]|done)\b", r"tick \1"),
    (r"\bdesmarca\b", "untick"), (r"\bmarca\b", "tick"),
    (r"\s+(?:t[áa]\s+|est[áa]\s+)?(?:feit[oa]|pront[oa])(?=\s*(?:[,.!]|$))", " is done"),
    (r"\bmuda\s+(?:pra|para|pro)\s+(?=(?:o\s+perfil\s+)?(?:work|default)\b)", "switch to "),
    (r"\b(?:muda|corrige|troca)\s+(?:pra|para|pro)\s+", "change it to "),
    (r"\b(?:muda|corrige|troca)\s+(?:o\s+|a\s+)?(.+?)\s+(?:pra|para|por)\s+", r"change \1 to "),
    (r"\bcoloca\s+no\s+topo\b", "move it to the top"),
    (r"\b(?:coloca|joga|bota)\s+(?:o\s+|a\s+)?(.+?)\s+no\s+topo\b", r"move \1 to the top"),
    (r"\b(?:coloca|joga|bota)\s+(?:o\s+|a\s+)?(.+?)\s+(?:pro|para\s+o|no)\s+final(?:\s+da\s+lista)?\b", r"move \1 to the bottom"),
    (r"\b(?:adiciona|adicionar|acrescenta|anota)\s+na\s+(?:minha\s+)?lista\b", "add to my list"),
    (r"\b(?:adiciona|adicionar|acrescenta|anota)\b", "add"),
    (r"\b(?:apaga|apague|deleta)\b", "delete"),
    (r"\bmostra\s+(?:a\s+)?(?:minha\s+)?lista\b", "show my list"),
    (r"\bo\s+q(?:ue)?\s+(?:eu\s+)?tenho\s+na\s+(?:minha\s+)?lista\b", "what is on my list"),
    (r"\bcria\s+(?:um\s+)?perfil\s+(?:novo\s+)?(?:chamado\s+)?", "create a profile called "),
    (r"\bmeu\s+nome\s+[ée]\b", "my name is"),
    (r"\bcancela\s+isso\b", "cancel it"), (r"\bcancela\b", "cancel"),
    (r"\b(?:começa|comeca)\s+de\s+novo\b", "start it again"), (r"\b(?:começa|comeca)\b", "start"),
    (r"\bcompara\s+(?!them\b)", "compare on "),
    (r"\blembra\s+q(?:ue)?\s+eu\s+falei\s+algo\s+sobre\b", "did i say something about"),
    (r"\bprocura\s+(?:a[íi]\s+)?na\s+conversa\b", "search the chat"), (r"\bprocura\b", "search"),
    (r"\s+e\s+(?=(?:also\s+)?(?:add|delete|tick|untick|move|start|switch|change|cancel|compare|show|complete)\b)", " and "),
    (r"\b(delete|tick|untick|open|start|cancel|move|run|finalize|show)\s+(?:o|a|os|as)\s+", r"\1 the "),
    (r"\bo\s+q(?:ue)?\s+(?:eu\s+)?tenho\s+na\s+(?:minha\s+)?lista(?:\s+hj)?\b", "what is on my list"),
    # "tira milk e eggs da lista": what is left of "da lista" once the places are read is where from
    (r"\bda\s+(?:minha\s+)?lista\b", "from the list"), (r"\s+e\s+(?=[\w' -]{1,30}\s+from\s+the\s+list\b)", " and "),
))

# Polish: its asking words ("dodaj", "usuń", "odznacz", "zrobione", "przełącz na", "cofnij do") and places ("na samą
# górę", "na dół") are read as English ones; the things, often Polish too ("grafik na sobotę"), stay as typed.
_POLISH = re.compile(r"\b(?:dodaj|usu[nń]|wywal|skre[sś]l|odznacz|zaznacz|odhacz|zrobione|popraw|zmie[nń]|prze[lł][aą]cz|"
                     r"cofnij|wr[oó][cć]|poka[zż]|jeszcze\s+jedno|li[sś]cie|listy|pierwsz[yaą]|drug[iaą]|2gi|ostatni[aą]?|"
                     r"nowa\s+analiza|konkurenci|szukaj|znajd[zź]|otw[oó]rz|anuluj|zacznij|rzeczy)\b|\bna\s+(?:sam[aą]\s+)?"
                     r"(?:g[oó]r[eę]|d[oó][lł])\b|\b(?:znowu|teraz|ju[zż]|si[eę]|jest|nie\s+ma)\b", re.IGNORECASE)
_IN_POLISH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"^\s*(?:no\s+(?:to|dobra)|dobra|ok\s+to)\b[,.!]?\s*", ""),  # "no to add …": so, add …
    (r"\bco\s+(?:ja\s+)?mam\s+(?:jeszcze\s+)?na\s+li[sś]cie\b", "what is on my list"),
    (r"\bpoka[zż]\s+(?:mi\s+)?(?:list[eę]|co\s+mam)\b", "show my list"),
    (r"\bjeszcze\s+jedno\s+do\s+listy\s*[-–—:]?\s*", "add "),
    (r"\b(?:dodaj|wpisz)(?:\s+do\s+listy)?\b", "add"),
    (r"\b(?:dwie|dwa)\s+rzeczy\b", "two things"), (r"\btrzy\s+rzeczy\b", "three things"),
    (r"\b(?:usu[nń]|wywal|wykre[sś]l)\b", "delete"), (r"\bskre[sś]l\b", "cross off"),
    (r"\bodznacz\b", "untick"), (r"\b(?:zaznacz|odhacz)\b", "tick off"),
    (r"^\s*(?:zrobione|gotowe)\s*[-–—:]\s*", "tick off "),
    (r"\b(?:jednak\s+)?nie\s+(?:sko[nń]czone|zrobione)\b", "not done"), (r"\b(?:zrobione|gotowe|sko[nń]czone)\b", "done"),
    (r"\b(?:ten|ta|to)\s+(?:pierwsz[yaea]|1szy)\b|\bpierwsz[yaea]\b(?:\s+punkt)?", "the first one"),
    (r"\b(?:ten|ta|to)\s+(?:drug[iaą]|2gi)\b|\b(?:drug[iaą]|2gi)\b(?:\s+punkt)?", "the second one"),
    (r"\b(?:ten|ta|to)\s+ostatni[aeą]?\b|\bostatni[aeą]?\b(?:\s+punkt)?", "the last one"),
    # "sign WZ for Raben na samą górę", "that one at bottom daj na góre": moved there, said last
    (r"^(.+?)\s+(?:daj|przesu[nń]|wrzu[cć])?\s*na\s+(?:sam[aą]\s+)?(?:g[oó]r[eę]|pocz[aą]tek)\b", r"move \1 to the top"),
    (r"^(.+?)\s+(?:daj|przesu[nń]|wrzu[cć])?\s*na\s+(?:sam\s+)?(?:d[oó][lł]|koniec)\b", r"move \1 to the bottom"),
    # "popraw: inwentaryzacja regał C -> … C i D", "pierwszy zmień na …": the change, said with an arrow or "na"
    (r"\b(?:popraw|zmie[nń])\s*:?\s*(.+?)\s*(?:->|→|=>)\s*", r"change \1 to "),
    (r"^(.+?)\s+zmie[nń]\s+na\s+", r"change \1 to "), (r"\bzmie[nń]\s+na\b", "change it to"),
    (r"\bprze[lł][aą]cz\s+(?:si[eę]\s+|mnie\s+)?na\s+", "switch to "),
    (r"\b(?:cofnij|wr[oó][cć])\s+(?:si[eę]\s+)?do\s+", "go back to "),
    (r"\bnowa\s+analiza\b(?:\s*,?\s*start\b)?", "start a new analysis"), (r"\bkonkurenci\b", "competitors"),
    (r"\b(?:szukaj|znajd[zź]|poszukaj)\b", "search"), (r"\bw\s+czacie\b", "in the chat"),
    (r"\botw[oó]rz\b", "open"), (r"\banuluj\b", "cancel"), (r"\b(?:zacznij|uruchom)\b", "start"),
    (r"\s+bo\s+", " because "),
    (r"^((?:the|that|this)\s+[\w\s]{1,30}?)\s+(delete|untick|tick\s+off)\s*[.!]*$", r"\2 \1"),  # "the last one wywal"
))

# Hawaiian Pidgin: its own words ("brah", "pau", "bumbye", "da kine", "wen" before a verb) mark it, or two of its
# small ones ("da", "dat", "dis", "fo", "wit", "den", "wat", "'em"). "'em" is "it" ("take 'em off da list"), "pau" is
# done ("da third one stay pau"), "stay" is "is" and "one" before a new thing is "a" ("make one profile Canoe Club and
# den jump into 'em"). "da" is read only before a place, a pointer or an app's word: a thing keeps its own ("pick up
# ice for da cooler").
_HAWAIIAN = re.compile(r"\b(?:brah|bumbye|pau|da\s+kine|mahalo|neva|li'?dat|howzit|wen\s+(?!(?:i|you|we|it)\b)[a-z]+|"
                       r"competitors\s+stay)\b|(?:^|[,.]\s*)shoots\s*(?:[,.!]|$)", re.IGNORECASE)
_HAWAIIAN_SMALL = re.compile(r"\b(?:da|dat|dis|dese|fo|wit|den|wat|stay)\b|(?<!\w)'em\b", re.IGNORECASE)
_IN_HAWAIIAN = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"[,\s]*\b(?:show\s+me\s+)?da\s+kine\s*(?=[,.!?]|$)", lambda m: " show me" if "show" in m.group(0) else ""),
    (r"(?<!\w)'em\b", "it"), (r"\bcancel\s+um\b", "cancel it"), (r"\bI\s+like\s+it\s+(?:to\s+)?say\b", "make it say"),
    (r"\bda\s+(?=(?:very\s+|wrong\s+)?(?:top|bottom|list|last|first|second|third|fourth|fifth|one|name|greeting|"
     r"competitors|analysis|chat|todo|cost|orphan|strongest|best|results|run|long|link|hello|wording|text|item|box)\b)",
     "the "),
    (r"\bdat\b", "that"), (r"\bdis\b", "this"), (r"\bdese\b", "these"), (r"\bdere\b", "there"), (r"\bden\b", "then"),
    (r"\bwit\b", "with"), (r"\bwat\b", "what"), (r"\bfo\b", "for"), (r"\bneva\b", "never"),
    (r"\bstay\s+pau\b", "is done"), (r"\bnot\s+pau\b", "not done"), (r"\bpau\b", "done"),
    (r"\b(competitors|what)\s+stay\b", lambda m: f"{m.group(1)} {'are' if m.group(1).lower() == 'competitors' else 'is'}"),
    (r"\bone\s+(?=(?:new|profile|table|alarm|case|demo)\b)", "a "), (r"\bjump\s+(?:in\s*to|into|over\s+to)\b", "switch to"),
    (r"\blike\s+go\s+(?=\w)", ""), (r"[,\s]*\bbrah\b", ""), (r"^\s*(?:shoots|ho|eh)\b[,!\s]*", ""),
    (r"[,\s]*\bshoots\s*(?=[.!?]|$)", ""), (r"\bbumbye\b", "later"),
    (r"(?<!\byou\s)\bcan\s+(?=(?:add|bump|move|put|take|delete|tick|check|change|show|open|switch|start)\b)", "can you "),
    (r"\bbump\s+(.+?)\s+down\s+to\b", r"move \1 to"),
    (r"\bput\s+(.+?)\s+number\s+(\d)\s+on\s+the\s+list\b", r"move \1 to number \2"),
))


# Yiddish touches in English: "nu" (so, well) and "oy" opening or closing a request, and "kinehora" after good
# news, ask nothing ("Nu, make one more profile", "Add seltzer to the list nu").
_YIDDISH = re.compile(r"\b(?:nu|oy|kinehora|kenahora|schlep\w*|kvetch\w*|bissel|mazel|nebbish|meshuga\w*)\b", re.IGNORECASE)
_IN_YIDDISH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"^\s*(?:nu|oy(?:\s+vey)?)\s*[,!.?]+\s*", ""), (r"[\s,]+(?:nu|oy(?:\s+vey)?)\s*(?=[.!?]*\s*$)", ""),
    (r"[\s,]+(?:kinehora|kenahora|kein(?:e)?\s+hora)\b", ""), (r"\ba\s+bissel\b", "a little"),
))

# Jamaican Patois: its own words ("pon", "tek", "mek", "nuh", "weh", "ting") mark it. Only the pointers and places
# are read ("di las one", "pon di list", "di one mi tick off by mistake"); "di" and "fi" stay in a thing's words
# ("book MOT fi di Corsa").
_PATOIS = re.compile(r"\b(?:pon|tek|mek|nuh|weh|likkle|cyaan|ting)\b|\bdi\s+(?:first|second|third|las|last|one|list|competitors)\b|"
                     r"(?<![\w-])fi\s+(?:di|mi|analysis)\b|\bmi\s+(?:tick|nuh|did|just|never)\b|\ban\s+den\b", re.IGNORECASE)
_IN_PATOIS = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\bdi\s+(first|second|third|last|bottom|top)\s+(?:one|ting)\b", r"the \1 one"), (r"\bdi\s+las\s+one\b", "the last one"),
    (r"\bdi\s+one\s+(?:mi|weh|dat)\s+(?:mi\s+)?tick(?:ed)?(?:\s+off)?\b", "the one i ticked"),
    (r"\bweh\s+mi\s+(?:have|got)\s+pon\s+di\s+list\b", "what is on my list"),
    (r"\bpon\s+di\s+list\b", "on the list"), (r"\bpon\s+(?=top\b|bottom\b)", "on "),
    (r"\btek\s+(?:off|it\s+off)\b", "take off"), (r"\bmek\s+it\b", "make it"),
    (r"[,\s]+mi\s+(?:do|done|did)\s+it\b", ", i did it"), (r"\bmi\s+done\s+it\b", "i did it"),
    (r"\bdi\s+(?=(?:bottom|top|end)\b)", "the "), (r"\s+an\s+(?=(?:put|add|tick|delete|move|take|mark)\b)", " and "),
    (r"\bdi\s+competitors(?:\s+dem)?\s+(?:is|a|are)\b", "the competitors are"),
    (r"\s+an\s+(?=(?-i:[A-Z]))", " and "),
    (r"[,\s]*\bnuh(?:\s+rush)?\s*(?=[,.!?]|$)", ""),
    # "put X pon mi list", "a mistake mi tick X, undo dat", "tek out X", "fi di analysis part put …", "an den tick …",
    # "competitors a Juici Patties, …", "mek a new profile name Coronation Stall fi di market", "bout di ackee price".
    (r"\bpon\s+(?:mi|me)\s+list\b", "on my list"), (r"^\s*a\s+mistake\s+mi\s+tick(?:ed)?\b", "by mistake i ticked"),
    (r"\bundo\s+dat\b", "untick it"), (r"\btek\s+out\b", "remove"), (r"\btek\s+mi\b", "take me"),
    (r"\bshoulda\s+say\b", "should say"), (r"(?<![\w-])fi\s+(?:di\s+)?(?=analysis\b)", "for the "), (r"\bmek\b", "make"),
    (r"\b(?:an\s+)?den\b", "and then"), (r"\bcompetitors\s+a\s+(?=(?-i:[A-Z0-9]))", "competitors are "),
    (r"\bprofile\s+name\s+(?=(?-i:[A-Z]))", "profile named "), (r"\bbout\s+di\b", "about the"),
    (r"\bbout\b", "about"), (r"\binna\s+di\b", "in the"),
    (r"\bmi\s+(?=(?:list|todo|todos|profile|chat)\b)", "my "), (r"\bdat\b", "that"),
    (r"\s+dem\b", ""),
))

# Italian: its asking words ("aggiungi", "cancella", "sposta") mark it, or two of its small ones ("allora",
# "subito", "grazie"). "cancella" deletes a thing (the long job's cancel is English's "cancel").
_ITALIAN = re.compile(r"\b(?:aggiungi|aggiungere|cancella|cancellare|elimina|togli|rimuovi|sposta|spunta|segna|mostrami|"
                      r"fammi\s+vedere|apri|cerca|ricomincia|allora|metti|la\s+lista)\b", re.IGNORECASE)
_ITALIAN_SMALL = re.compile(r"\b(?:subito|grazie|prego|mamma\s+mia|va\s+bene|per\s+favore|ciao|basta|ecco)\b", re.IGNORECASE)
_IN_ITALIAN = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\bmetti\s+in\s+(?:la\s+)?lista\s*(?:[-–:]\s*)?", "add "), (r"\b(?:in|on|nella|sulla)\s+la\s+lista\b", "on the list"),
    (r"\bla\s+lista\b", "the list"),
    (r"\b(?:aggiungi|aggiungere|metti)\b\s*(?:[-–:]\s*)?", "add "), (r"\b(?:cancella|cancellare|elimina|togli|rimuovi)\b", "delete"),
    (r"\bsposta\b", "move"), (r"\b(?:spunta|segna)\b", "tick"), (r"\b(?:mostrami|fammi\s+vedere)\b", "show"),
    (r"\bapri\b", "open"), (r"\bcerca\b", "search"), (r"\ballora\b[,\s]*", ""),
    (r"\s*,?\s*\b(?:subito|grazie(?:\s+mille)?|per\s+favore)\b\s*[!.]*", " "),
))

# Words that only a Spanish request has (its asking words and texting), and small ones that two of mark one.
_SPANISH = re.compile(r"\b(?:agrega|agregar|añade|anota|pon|ponle|ponlo|borra|b[óo]rralo|elimina|qu[íi]talo|marca|m[áa]rcalo|"
                      r"tacha|t[áa]chalo|desmarca|destacha|dest[áa]chalo|cambia|c[áa]mbialo|c[áa]mbiame|mueve|mu[ée]velo|"
                      r"ens[ée][ñn]ame|mu[ée]strame|crea|abre|b[úu]scalo|regresa|empieza|canc[ée]lalo|final[íi]zalo|"
                      r"comp[áa]ralos|porfa|oye|xq|tmb|competidores|pendiente|quita|regr[ée]same|necesito|güey|"
                      r"borrá|agregá|poné|sacá|tachá|marcá|mové|cambiá|listo|bárbaro|viste|s[áa]calo|s[áa]cala|b[óo]rrala|"
                      r"p[áa]same)(?!\w)", re.IGNORECASE)
_SPANISH_SMALL = re.compile(r"\b(?:el|los|las|del|que|q|lo|al|ya|pa|mi|es|se|hasta|lista)\b", re.IGNORECASE)
_IN_SPANISH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    # Rioplatense: "listo," and "bárbaro," open a turn as "right," and "great,"; "viste?" ("you know?") asks nothing;
    # the imperatives stress their last syllable ("borrá", "agregá").
    (r"^\s*(?:listo|bárbaro|barbaro)\s*[,.!]+\s*", ""), (r"[\s,]*\b(?:bárbaro|barbaro)\s*[.!]*$", ""),
    (r",?\s*\bviste\s*\?\s*,?\s*", ", "), (r"\bborrá(?!\w)|\bsacá(?!\w)", "delete"), (r"\b(?:agregá|poné)(?!\w)", "add"),
    (r"\b(?:tachá|marcá)(?!\w)", "tick"), (r"\bmové(?!\w)", "move"), (r"\bcambiá(?!\w)", "change"),
    # "sacalo de la lista", "borrala directamente", "pasame al perfil Work": voseo's "take it off", "switch me to".
    (r"\b(?:s[áa]c[ao]l[oa]|b[óo]rral[oa])(?:\s+de\s+la\s+lista)?(?:\s+directamente)?(?!\w)", "delete it"),
    (r"\bp[áa]same\s+(?:al\s+perfil|al|a)\s+", "switch to "),
    (r"\bno,?\s+esp[ée]rate,?\s+", "no wait, "), (r"\bmejor\s+(?:pon|ponle|agrega)\s+", "make it "),
    (r"(?<=no wait, )mejor\s+", ""),
    # "move X to the top porfa, the brakes …": a closing "porfa" keeps the mark after it.
    (r",?\s*\b(?:oye|porfa|[áa]ndale|güey|guey|jaja(?:ja)*)\b\s*(?=[,.!?]|$)", ""),
    (r"\b(?:oye|porfa|[áa]ndale)\b[\s,]*", ""),
    (r"\bregr[ée]same\s+(?:to|a)\b", "take me back to"), (r"\bregresa\s+to\b", "go back to"),
    (r"^\s*necesito\s+(?!que\b)", "I need to "), (r"\ben\s+la\s+lista\b", "on the list"),
    (r"\bya\s+pagu[ée](?:\s+el\b)?", "I paid"), (r"\bquita\b(?!\s+(?:el|la|los|las)\b)", "remove"), (r"\bya\s+hice\b", "i did"),
    (r"\b(?:el|la)\s+primer[oa]\b", "the first one"), (r"\b(?:el|la)\s+segund[oa]\b", "the second one"),
    (r"\b(?:el|la)\s+tercer[oa]\b", "the third one"), (r"\b(?:el|la)\s+[úu]ltim[oa]\b", "the last one"),
    (r"\bel\s+de\s+(?:hasta\s+)?abajo\b", "the bottom one"), (r"\bel\s+de\s+(?:hasta\s+)?arriba\b", "the top one"),
    (r"\bel\s+(?:q|que)\s+tach[ée]\b(?:\s+por\s+error)?", "the one i ticked"),
    (r"\b(?:lo|el)\s+del?\s+(?:la\s+)?(?!los\b|las\b)(\w+)", r"the \1 one"),
    (r"\bhasta\s+arriba\b", "to the top"), (r"\bhasta\s+abajo\b", "to the bottom"),
    (r"\b(?:al|en\s+el)\s+(\d{1,2})\b", r"at number \1"),
    (r"\b(?:q|que)\s+tengo\s+pendiente\b", "what is on my list"),
    (r"\bcrea\s+un\s+perfil\s+(?:(?:q|que)\s+se\s+llame\s+)?", "create a profile called "),
    (r"\bc[áa]mbiame\s+(?:al\s+de|a)\s+(?:ese|esa|[ée]l)\b", "switch to it"),
    (r"\bc[áa]mbiame\s+(?:al\s+de|al|a)\s+", "switch to "),
    (r"\bcambia\s+(.+?)\s+a\s+", r"change \1 to "), (r"\bc[áa]mbialo\s+a\s+", "change it to "),
    (r"\b(?:agrega|agregar|agr[ée]gale|añade|anota|ponle)\b", "add"),
    (r"\bponlo\b(?=\s+(?:to|at)\s)", "move it"), (r"\bponlo\b", "add it"), (r"\bpon\b", "put"),
    (r"\ben\s+la\s+lista\b", "on the list"),
    (r"\b(?:borra|elimina|quita)\b", "delete"), (r"\b(?:b[óo]rralo|qu[íi]talo)\b", "delete it"),
    (r"\b(?:marca|tacha|palomea)\s+los\s+dos\b", "tick both"),
    (r"\b(?:desmarca|destacha)\b", "untick"), (r"\b(?:desm[áa]rcalo|dest[áa]chalo)\b", "untick it"),
    (r"\b(?:marca|tacha|palomea)\b", "tick"), (r"\b(?:m[áa]rcalo|t[áa]chalo)\b", "tick it"),
    (r"\bmueve\b", "move"), (r"\bmu[ée]velo\b", "move it"),
    (r"\b(?:ens[ée][ñn]ame|mu[ée]strame)\b", "show"), (r"\bla\s+lista\b", "my list"), (r"\blos\s+todos\b", "the todos"),
    (r"\babre\b", "open"), (r"\bb[úu]sca(?:lo)?\s+en\s+el\s+chat\b", "search the chat for it"),
    (r"\bregresa\s+al\s+paso\s+del\s+nombre\b", "go back to the name step"), (r"\bregresa\s+a(?:l)?\b", "go back to"),
    (r"\b(?:empieza|inicia|comienza)\b", "start"), (r"\bdale\s+start\b", "start"), (r"\bone\s+nuevo\b", "a new one"),
    (r"\bcanc[ée]lalo\b", "cancel it"), (r"\bcancela\b", "cancel"), (r"\bfinal[íi]zalo\b", "finalize it"),
    (r"\blos\s+competidores\s+son\b", "the competitors are"), (r"\bcompetidores\s*:", "competitors:"),
    (r"\bcomp[áa]ralos\s+en\b", "compare them on"), (r"\bmi\s+nombre\s+es\b", "my name is"),
    (r"\bcuales\s+son\b", "what are"), (r"\b(?:ya\s+)?qued[óo]\b", "is done"),
    (r"\s+y\s+(?:tmb|tambi[ée]n)\s+", " and also "), (r"\btmb\b", "also"), (r"\b(?:xq|pq|porque)\b", "because"),
    (r"\s+y\s+(?=(?:add|put|delete|tick|untick|move|change|switch|create|show|open|search|start|cancel|compare|"
     r"finalize)\b)", " and "),
    (r"\.\s+y\s+(?=compare\b)", ". and then "), (r",?\s+y\s+(?=(?-i:[A-Z]))", " and "),
    # "el último ponlo hasta arriba": the thing before its verb, as Spanish may put it.
    (r"(?:^|(?<=[,.]\s))(?!(?:add|put|move|delete|tick|untick|change|switch|create)\b)((?:(?!\band\b)[^,.;!?])+?)"
     r"\s+(move|delete|tick|untick|change)\s+it\b", r"\2 \1"),
))

def _read_with(table: tuple[tuple[re.Pattern, str], ...], text: str) -> str:
    for pattern, plain in table:
        text = pattern.sub(plain, text)
    return text


def _read_closing_gaps(table: tuple[tuple[re.Pattern, str], ...], text: str) -> str:
    """Read with a table whose words drop out, without the gap they leave before a mark ("my list ạ?")."""
    return re.sub(r"\s+([.,!?])", r"\1", _read_with(table, text)).strip()


def in_plain_english(text: str) -> str:
    """The request read by `_in_plain_english`, its quoted texts kept as typed: "change 'ensayar con Facundo' to
    'ensayar con Facundo y Sofi'" names a todo in Spanish, whose "y" is no asking word to read."""
    read = _in_plain_english(text)
    typed, plain = QUOTED_TEXT.findall(text), list(QUOTED_TEXT.finditer(read))
    if not typed or len(typed) != len(plain):
        return read
    for said, found in reversed(list(zip(typed, plain))):
        read = read[:found.start(1)] + said + read[found.end(1):]
    return read


def _in_plain_english(text: str) -> str:
    """The request with its French, Swahili, Spanish, Portuguese, Italian, Taglish, Dutch, German, Vietnamese, Indonesian, Singlish, Pidgin, Patois, Polish, Yiddish, Yorkshire, Shetland, Finnish, Kannada, Scots or Hinglish asking words read as English ones."""
    if _FRENCH.search(text) or len(_FRENCH_SMALL.findall(text)) >= 2:
        text = _read_with(_IN_FRENCH, text)
    if _SWAHILI.search(text):
        text = _read_with(_IN_SWAHILI, text).strip()
    if _TAGALOG.search(text) or len(_TAGALOG_SMALL.findall(text)) >= 2:
        text = _read_with(_IN_TAGLISH, text)
    if _PATOIS.search(text):
        text = _read_with(_IN_PATOIS, text)
    if _POLISH.search(text):
        text = _read_with(_IN_POLISH, text)
    if _YIDDISH.search(text):
        text = _read_with(_IN_YIDDISH, text)
    if _PORTUGUESE.search(text):
        text = _read_with(_IN_PORTUGUESE, text)
    if _SPANISH.search(text) or len(_SPANISH_SMALL.findall(text)) >= 2:
        text = _read_with(_IN_SPANISH, text)
    if _DUTCH.search(text):
        text = _read_closing_gaps(_IN_DUTCH, text)
    if shows_vietnamese(text):
        text = read_vietnamese(text)
    if _INDONESIAN.search(text):
        text = _read_closing_gaps(_IN_INDONESIAN, text)
    if _GERMAN.search(text):
        text = _read_closing_gaps(_IN_GERMAN, text)
    if _KONGISH.search(text):
        text = _read_with(_IN_KONGISH, text).strip()
    if _SINGLISH.search(text):
        text = _read_with(_IN_SINGLISH, text)
    if _PIDGIN.search(text):
        text = _read_with(_IN_PIDGIN, text)
    if _ITALIAN.search(text) or len(_ITALIAN_SMALL.findall(text)) >= 2:
        text = re.sub(r"\s{2,}", " ", _read_with(_IN_ITALIAN, text)).strip()
    if _YORKSHIRE.search(text):
        text = _read_with(_IN_YORKSHIRE, text)
    # Shetland's "da", "dat" and "dis" are Hawaiian Pidgin's too: a request with a word only Shetland has is not read
    # as Pidgin.
    hawaiian = not (_SHETLAND_ONLY.search(text) or _SHETLAND_ASKING.search(text)) and (
        _HAWAIIAN.search(text) or len(_HAWAIIAN_SMALL.findall(text)) >= 2)
    if len(_SHETLAND.findall(text)) >= 2 or _SHETLAND_ASKING.search(text):
        text = _read_with(_IN_SHETLAND, text)
    if hawaiian:
        text = re.sub(r"\s{2,}", " ", _read_with(_IN_HAWAIIAN, text)).strip()
    if _FINNISH.search(text):
        text = re.sub(r"\s{2,}", " ", _read_with(_IN_FINNISH, text)).strip()
    if _KANNADA.search(text):
        text = re.sub(r"\s{2,}", " ", _read_with(_IN_KANNADA, text)).strip()
    if _SCOTS.search(text) or len(_SCOTS_SMALL.findall(text)) >= 2:
        text = _read_with(_IN_SCOTS, text)
    if shows_hinglish(text):
        text = read_hinglish(text)
    return text
