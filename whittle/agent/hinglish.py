"""Hinglish (and Urdu-touched English) requests, read as the English request they make.

Hindi and Urdu put the verb last ("eggs hata do list se", "upar kar do"): each part of the request is read verb first
("delete eggs from the list", "move it to the top"). Only the asking words, places, pointers and joiners are read;
a thing's own words stay as typed ("dhobi wala delete kar do" deletes the dhobi todo).
"""

from __future__ import annotations

import re

# Words that only a Hinglish request has, and small ones that three of mark one.
_HINDI = re.compile(r"\b(?:(?:kar|kr|daal|dal|hata|dikha|khol|bana|likh|dhoondh|dhundh|chala|rakh)\s*(?:do|de|dena|dijiye)|"
                    r"(?:likh|nikal|bhej)\s*(?:lo|do|de)|"
                    r"karo|kro|daalo|hatao|dikhao|kholo|banao|likho|dhoondo|chalao|rakho|wala|wali|wale|sabse|pehle|"
                    r"neeche|niche|upar|nahi|karna|karke|wapas|hai|hain|aur|kya)\b", re.IGNORECASE)
_HINDI_SMALL = re.compile(r"\b(?:mein|bhi|ko|se|pe|ka|ki|ke|na|ye|wo|jo|mat|bas)\b", re.IGNORECASE)
_IN_HINGLISH = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    # Urdu touches: "wapas Default pe le jao" (take me back to Default), "'Karachi Shop' naam ka profile bana ke usi
    # pe switch kar do" (make a profile named … and switch to it), "wapas open karo" (open it again).
    (r"\b(?:wapas\s+)?(name|greeting|competitors|analysis)\s+step\s+(?:pe|par)\s+le\s+(?:chalo|jao)\b", r"go back to the \1 step"),
    (r"\b(?:wapas\s+)?(\w+)\s+(?:pe|par)\s+le\s+(?:jao|chalo)\b", r"switch to \1"),
    (r"([\"'“‘][^\"'”’]+[\"'”’])\s+naam\s+ka\s+profile\s+bana\s*(?:ke|kar|kar\s*ke)\s+(?:usi|us|is)\s+(?:pe|par)\s+switch\s+"
     r"(?:kar\s*do|karo|kro)\b", r"create a profile called \1 and switch to it"),
    (r"\bnahi\s+wait\b", "no wait"),
    # "competitors mein yeh daalo: A, B", "analysis ke liye compare karo …", "wapas competitors step pe le chalo",
    # "long job chalu kar do", "'Reddy Wedding' naam ka profile banao aur usi pe switch kar do", "… aur phir finalize".
    (r"\bcompetitors\s+(?:mein|me)\s+(?:yeh|ye|ye\s+sab)\s+(?:daalo|daal\s*do|dal\s*do|likho)\s*:", "competitors:"),
    (r"\banalysis\s+ke\s+liye\s+", "for the analysis "),
    (r"\blong\s+job\s+(?:chalu|shuru)\s+(?:kar\s*do|karo|kro|kr\s*do)\b", "start the long job"),
    (r"([\"'“‘][^\"'”’]+[\"'”’])\s+naam\s+ka\s+profile\s+banao\s+(?:aur|and)\s+(?:usi|us|is)\s+(?:pe|par)\s+switch\s+"
     r"(?:kar\s*do|karo|kro)\b", r"create a profile called \1 and switch to it"),
    (r"\b(?:aur|and)\s+phir\s+finali[sz]e\b", "and then finalize it"),
    (r"\b(delete|tick|add|cancel)\s+mat\s+(?:kar|kr|karo|karna)\b", r"don't \1"),
    # ", bas itna kaafi hai", ", ho gaya bas": that is all, said after the asking.
    (r",?\s*(?:bas\s+)?itna\s+(?:hi\s+)?(?:kaafi|kafi)\s+(?:hai|h)\b", ""),
    (r",\s*(?:bas\s+ho\s+gaya|ho\s+gaya\s+bas)\s*(?=[.!]*$)", ""),
    (r"\bbas\s+", ""),
    (r"\bgalti\s+se\b", "by mistake"),
    (r"\bkal\s+maine\b", "yesterday i"),
    (r"\bmaine\b", "i"),
    (r"\bwahan\s+", ""),
    (r",?\s+warna\s+", ", otherwise "),
    (r"\bsabse\s+(?:neeche|niche|last)\s+wal[aei]\b", "the bottom one"),
    (r"\bsabse\s+(?:upar|pehle|pehla)\s+wal[aei]\b", "the top one"),
    (r"\b(?:pehle|pehla|first)\s+wal[aei]\b", "the first one"),
    (r"\b(?:doosra|dusra|second|2nd)\s+wal[aei]\b", "the second one"),
    (r"\b(?:last|aakhri|akhri)\s+wal[aei]\b", "the last one"),
    (r"\bjo\s+tick\s+ki(?:ya|a)\s+(?:hua\s+)?(?:hai|h)\b", "the one i ticked"),
    (r"\bjo\s+(.+?)\s+wal[aei]\s+(?:hai|h)\b", r"the \1 one"),
    (r",?\s*(\w+)\s+wal[aei]\s+(?:abhi\s+)?nahi\s+chahiye\b", r", not \1"),
    (r"\s+wal[aei]\b", ""),  # "dhobi wala": the dhobi one
    (r"\b(?:naam|name)\s+(?:mein\s+|me\s+)?(.+?)\s+(?:daal|dal|likh|rakh)\s*(?:do|de|o)\b", r"name \1"),
    (r"\bgreeting\s+(?:mein\s+|me\s+)?(.+?)\s+(?:rakho|rakh\s*do|daalo|daal\s*do|select\s+(?:kr|kar|karo)(?:\s*do)?)\b",
     r"greeting \1"),
    (r"\b(\w+)\s+(profile\s+)?(?:pe|par)\s+switch\s+(?:karo|kro|kar\s*do|kr\s*do|kar)\b", r"switch to \1 \2"),
    (r"\bcompetitors?\s+(?:hai|hain)\b", "competitors are"),
    (r"\bcompare\s+karna\s+hai\s+(.+?)\s+(?:pe|par)\b", r"compare on \1"),
    (r"\b(?:uska|uski|iska|iski)\s+(?:text\s+|naam\s+)?(?=change)", ""),
    (r"(?:^|(?<=[,.;!?]\s))([^,.;!?]+?)\s+(?:ko\s+)?change\s+(?:karke|kar\s+ke|krke)\s+(.+?)\s+(?:kar|kr)\s*(?:do|de|dena)\b",
     r"change \1 to \2"),
    (r"\b((?:(?!i\b)\w+\s+){0,2}\w+)\s+ke\s+baare\s+(?:mein|me)\s+(?:kuch\s+)?(?:bola|kaha|likha)\s+tha\b",
     r"said something about \1"),
    (r"\b(\w+(?:\s+\w+)?)\s+ke\s+baare\s+(?:mein|me)\b", r"about \1"),
    (r"\bchat\s+(?:mein|me)\b", "in the chat"),
    (r"\blist\s+(?:mein|me)\b", "to the list"),
    (r"\blist\s+se\b", "from the list"),
    (r"\bsabhi\b", "all"),
    (r"\bek\s+naya\b", "a new"),
    (r"\bnaam\s+(?=(?-i:[A-Z]))", "named "),
    (r"\b(?:done\s+)?ho\s+gaya\b", "done"),
    (r"\bwapas\s+open\s+(?:karo|kro|kar\s*do)\b", "reopen it"), (r"\bdone\s+mark\s+(?:karo|kro|kar\s*do)\b", "mark done"),
    (r"\bcompare\s+(?:karo|kro|kar\s*do)\b", "compare"), (r"\baaj\s+ki\s+list\b", "today's list"),
    (r"\b(?:uski|iski|us\s+ki|is\s+ki)\s+jagah\s+", ""),  # "uski jagah buy chai patti add karo": in its place
    (r"\b(?:ek\s+baar|yaar|bhi|zara|jaldi|bilkul)\b\s*", ""),
    # "call Imran bhai about printing": "bhai" after a name, inside a thing, is his name's; at a part's end it addresses.
    (r"((?-i:[A-Z])[\w'-]*\s+)?\bbhai\b(\s*(?=[,.!?]|$))?\s*",
     lambda m: m.group(0) if m.group(1) and m.group(2) is None else (m.group(1) or "").rstrip()),
))
# A Hindi verb, last in its part, and the English one it stands for ("upar kar do": move it to the top).
_HINDI_VERB = re.compile(
    r"(?:\b(?P<english>delete|remove|tick|untick|add|cancel|start|finalize|select|search|open|show|edit|rename|fix|change|move|"
    r"complete|uncheck|reopen|revert)\s+(?:kar|kr)(?:\s*(?:do|de|dena|dijiye))?|\b(?P<english_o>delete|remove|tick|untick|"
    r"add|cancel|start|finalize|search|open|show|edit|rename|move|reopen)\s+(?:karo|kro|karna\s+hai)"
    r"|\b(?P<delete>(?:hata|nikal)\s*(?:do|de|dena)|hatao|nikalo)|\b(?P<add>(?:daal|dal|likh|jod)\s*(?:do|de|lo)|daalo|likho|jodo)"
    r"|\b(?P<show>dikha\s*(?:do|de)|dikhao)|\b(?P<open>khol\s*(?:do|de)|kholo)|\b(?P<create>bana\s*(?:do|de)|banao)"
    r"|\b(?P<search>(?:dhoondh|dhundh)\s*(?:do|de)|dhoondo|dhundo)|\b(?P<start>chala\s*(?:do|de)|chalao|shuru\s+(?:karo|kar\s*do))"
    r"|\b(?P<back>wapas\s+(?:jao|chalo))|\b(?P<top>(?:upar|top\s+(?:pe|par))\s+(?:kar\s*do|karo|le\s+aao|daal\s*do|daalo))"
    r"|\b(?P<bottom>(?:sabse\s+)?(?:last|neeche|niche|bottom|end)\s+(?:mein\s+|me\s+|pe\s+)?(?:kar\s*do|karo|daal\s*do|daalo|"
    r"bhej\s*do)))"
    r"(?:\s+(?:na|plz|pls))?\b", re.IGNORECASE)
_PLAIN_VERB = {"delete": "delete", "add": "add", "show": "show", "open": "open", "create": "create",
               "search": "search", "start": "start", "back": "go back to", "top": "move", "bottom": "move"}
_PART = re.compile(r"(\s*(?:\.{2,}|[,;.!?])\s*(?:aur\s+)?|\s+aur\s+|\s+and\s+then\s+)", re.IGNORECASE)
_POINTING = re.compile(r"\s*\b(?:usko|isko|use|ise|woh|wo)\b\s*", re.IGNORECASE)


def _verb_first(part: str) -> str:
    """"eggs hata do, vegan try kar raha hu": "delete eggs, …" — a part's Hindi verb said first."""
    verb = _HINDI_VERB.search(part)
    if verb is None:
        return part
    name = next(n for n, v in verb.groupdict().items() if v)
    english = verb.group(name) if name.startswith("english") else _PLAIN_VERB[name]
    thing = re.sub(r"\s+(?:ko|pe|par|mein)$", "", _POINTING.sub(" ", part[:verb.start()]).strip())
    thing = f"the {thing}" if re.match(r"\d(?:st|nd|rd|th)\b", thing) else thing
    rest = part[verb.end():]
    if not thing and (not rest.strip() or _POINTING.match(rest)):
        thing, rest = ("it" if name != "back" else ""), _POINTING.sub(" ", rest, count=1).rstrip()
    place = {"top": " to the top", "bottom": " to the bottom"}.get(name, "")
    return " ".join(w for w in (english, thing) if w) + place + rest


def shows_hinglish(text: str) -> bool:
    """A word only Hinglish has, or three of its small ones."""
    return bool(_HINDI.search(text)) or len(_HINDI_SMALL.findall(text)) >= 3


def read_hinglish(text: str) -> str:
    """The request with its Hindi asking words read as English, each part's verb said first."""
    for pattern, plain in _IN_HINGLISH:
        text = pattern.sub(plain, text)
    text = "".join(part if n % 2 else _verb_first(part) for n, part in enumerate(_PART.split(text)))
    text = re.sub(r"\s+,", ",", re.sub(r"\baur\s+", "and ", text, flags=re.IGNORECASE))
    return re.sub(r"\s{2,}", " ", text).strip()
