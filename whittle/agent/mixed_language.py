"""Requests typed in French or in Taglish, read as the English request they make.

Code-switching users type the app's words in their own language: "efface la dernière", "mets aiguiser mes
patins en haut", "tick mo na yung first one", "balik tayo sa name step". Only the words that ask (the verbs,
places, pointers and joiners) are read as English; the thing's own words stay as typed ("ajoute pick up les
verres Zalto" adds "pick up les verres Zalto"). Each language's words are read only in a request that shows
that language (a word only it uses), so "la", "sa" or "mo" in an English request stay as they are.
"""

from __future__ import annotations

import re

# Words that only a French request has (its asking words), and small words that two of mark one.
_FRENCH = re.compile(r"\b(?:stp|svp|peux-tu|pourrais-tu|mets|efface|ajoute|coche|checke|décoche|decoche|montre|ouvre|"
                     r"crée|cree|créer|cherche|annule|démarre|demarre|reviens|retourne|renomme|pis|c'est|ça|"
                     r"première|premiere|deuxième|deuxieme|troisième|troisieme|dernière|derniere)(?![\w-])",
                     re.IGNORECASE)
_FRENCH_SMALL = re.compile(r"\b(?:le|la|les|du|des|une|pour|avec|dans|est|mon|ma|mes|moi|je|j'ai|sur)\b", re.IGNORECASE)
_IN_FRENCH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\b(?:peux|pourrais|pourrait|peut)[-\s]tu\b", "can you"),
    (r"\b(?:stp|svp|s'il te plaît|s'il vous plaît)\b", "please"),
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
    (r"\b(?:efface|effacer|supprime|supprimer|enlève|enleve)(?:-(?:le|la|les))?(?![\w-])", "delete"),
    (r"\b(?:décoche|decoche|uncheck)-(?:le|la|les)\b", "untick it"),
    (r"\b(?:décoche|decoche|décocher)(?![\w-])", "untick"),
    (r"\b(?:coche|cocher|checke|checker)-(?:le|la|les)\b", "tick it"),
    # Not "checke la météo pour samedi": a look at the weather, which no tool does.
    (r"\b(?:coche|cocher|checke)(?![\w-])(?!\s+(?:la\s+m[ée]t[ée]o|le\s+temps)\b)", "tick"),
    (r"\bmontre-moi\b|\bmontre(?![\w-])", "show"),
    (r"\b(?:ma|la)\s+liste\b", "my list"),
    (r"\bouvre\b", "open"),
    (r"\b(?:crée|cree|créer|creer)\s+(?:un\s+)?(?:nouveau\s+)?profil\b", "create a profile"),
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
))

# Words that only a Taglish request has, and small ones that two of mark one.
_TAGALOG = re.compile(r"\b(?:po|yung|naman|pala|tas|tapos|tsaka|kasi|balik|pakita|gawin|pangalawa|pinaka|sige|nga|sila|"
                      r"sya|siya|kay|nasend|daw)\b", re.IGNORECASE)
_TAGALOG_SMALL = re.compile(r"\b(?:mo|na|ko|lang|sa|ni|ang|hehe|pa|di|ng)\b", re.IGNORECASE)
_IN_TAGLISH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"\btapos\s+na\s+(?:po\s+)?(?:yung\s+)?(.+?)(?=,|$)", r"\1 is done"),  # "tapos na yung X": X is done
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
))


def in_plain_english(text: str) -> str:
    """The request with its French or Taglish asking words read as English ones."""
    if _FRENCH.search(text) or len(_FRENCH_SMALL.findall(text)) >= 2:
        for pattern, plain in _IN_FRENCH:
            text = pattern.sub(plain, text)
    if _TAGALOG.search(text) or len(_TAGALOG_SMALL.findall(text)) >= 2:
        for pattern, plain in _IN_TAGLISH:
            text = pattern.sub(plain, text)
    return text
