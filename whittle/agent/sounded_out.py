"""The app's asking words spelled as they sound, read as the words meant.

A dyslexic writer, or anyone typing fast on a phone, spells the short words by ear: "ad buy flux n tik pay mum
bord", "delet footy sat", "move it to teh tip", "go bak to compeditors", "sirch chat fo wat i sed bout flux".
Only the words that ask (the verbs, places, joiners and the steps' names) are read as meant, and only whole
words outside quotes; the thing's own words stay as typed ("pik up copper pipe" is the todo's spelling).
"""

from __future__ import annotations

import re

_SPELT = {
    "delet": "delete", "deleet": "delete", "dilete": "delete", "tik": "tick", "tikk": "tick",
    "compleet": "complete", "complet": "complete", "compleat": "complete",
    "rong": "wrong", "sirch": "search", "serch": "search", "surch": "search", "greetin": "greeting",
    "compeditors": "competitors", "compititors": "competitors", "competiters": "competitors",
    "compeditor": "competitor", "sed": "said", "sey": "say", "wat": "what", "wot": "what", "wha": "what", "owt": "anything", "nowt": "nothing",
    "summat": "something", "remuve": "remove", "moov": "move", "cansel": "cancel", "shud": "should",
    "profle": "profile", "finalies": "finalise",
}
_WORD = re.compile(r"\b(" + "|".join(_SPELT) + r")\b", re.IGNORECASE)
_READ_AS = tuple((re.compile(pattern, re.IGNORECASE), meant) for pattern, meant in (
    # "ad" is "add" where an ask starts: first, or after a polite word or a joiner ("can u ad …", "… n ad …").
    (r"(^|[,.;!?]\s|\b(?:u|you|pls|plz|please|and|n|then|also|can)\s)ad\b(?=\s+\w)", r"\1add"),
    # Where a word of a thing could be typed the same way ("bak kut teh", "ring the council bout the permit",
    # "tuesday mornin"), only where it asks.
    (r"\bteh\b(?=\s+(?!(?:tarik|o|ais|halia|peng|c|susu|botol)\b)\w)", "the"),  # not Malay tea: "teh tarik", "teh o"
    (r"\b(go|come|put|set|it|sent|send|bring|turn|them)\s+bak\b", r"\1 back"),
    (r"\b(said|say|sey|sed|anything|owt|something|summat|one|talk\w*|chat\w*)\s+bout\b", r"\1 about"),
    (r"\bgood\s+mornin\b", "good morning"), (r"\bgood\s+evenin\b", "good evening"),
    # "for": "a profile fo footy", "sirch chat fo flux".
    (r"\bfo\b(?=\s+\w)", "for"),
    # "compare em on price": them.
    (r"\b(compare|tick|delete|remove|move|add)\s+em\b", r"\1 them"),
    # "move it to the tip": the top, as autocorrect has it; "take the rubbish to the tip" is a tip.
    (r"\b((?:move|put|bump|stick|shift|pop)\b[^,.;!?]*?\b(?:to|at|on)\s+(?:the\s+)?(?:very\s+)?)tip\b", r"\1top"),
    # "wat do i av on me list": my list, have.
    (r"\bme\s+(list|todos?|profiles?|own)\b", r"my \1"), (r"\b(i|you|u|we)\s+av\b", r"\1 have"),
    # "make new profile call stall": called, its ending not heard.
    (r"\b(profile|one)\s+call\s+(?=\w+\s*$)", r"\1 called "),
    # Yorkshire's "ta" ending a request is its thanks; so is Malaysia's "tq" ("thank you").
    (r"\s+(?:ta|tq|tqvm)\s*[.!]*\s*$", ""),
))


def as_meant(text: str) -> str:
    """The request with its asking words spelled by ear read as the words meant."""
    parts = re.split(r'("[^"]*"|“[^”]*”|(?<!\w)\'[^\']*\'(?!\w))', text)
    for n, part in enumerate(parts):
        if n % 2:
            continue
        part = _WORD.sub(lambda m: _SPELT[m.group(1).casefold()], part)
        for pattern, meant in _READ_AS:
            part = pattern.sub(meant, part)
        parts[n] = part
    return "".join(parts)
