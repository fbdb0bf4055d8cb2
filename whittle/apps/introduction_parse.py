"""Pull a name and a favourite colour out of a free-text reply.

The tiny model may phrase things badly, so facts are parsed from what the user
typed, not from the model's answer, and stored exactly as typed.
"""

from __future__ import annotations

import re

# CSS named colours plus common two-word forms people type.
COLOURS = {
    "aqua", "aquamarine", "azure", "beige", "black", "blue", "bronze", "brown", "burgundy", "charcoal",
    "chartreuse", "coral", "crimson", "cyan", "emerald", "fuchsia", "gold", "golden", "gray", "green", "grey",
    "indigo", "ivory", "khaki", "lavender", "lilac", "lime", "magenta", "maroon", "mauve", "mint", "navy",
    "ochre", "olive", "orange", "orchid", "peach", "pink", "plum", "purple", "red", "rose", "ruby", "salmon",
    "sapphire", "scarlet", "silver", "tan", "teal", "turquoise", "violet", "white", "yellow",
    "amber", "cerulean", "cobalt", "copper", "cream", "jade", "mustard", "periwinkle", "sage", "slate",
}
COLOUR_MODIFIERS = {"dark", "light", "pale", "deep", "bright", "sky", "navy", "forest", "royal", "baby", "hot", "sea"}

_WORD = r"[^\W\d_][\w'’-]*"
_NAME = rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}})"
_NAME_PATTERNS = [
    rf"\bmy\s+name\s+is\s+{_NAME}",
    rf"\bname'?s\s+{_NAME}",
    rf"\bcall\s+me\s+{_NAME}",
    rf"\bgo(?:es)?\s+by\s+{_NAME}",
    rf"\bname\s*[:=]\s*{_NAME}",
    rf"\bi\s+am\s+{_NAME}",
    rf"\bi'?m\s+{_NAME}",
    rf"\bthis\s+is\s+{_NAME}",
    rf"^\s*(?:hi|hello|hey)[,!\s]+(?:i'?m\s+|it'?s\s+)?{_NAME}",
]
# Introductions without "name": "Priya here!", "It's Chiara." Only a capitalised word that ends the
# clause counts ("it's raining" is no name), and never a day, month or greeting word.
_CAPITALISED = r"[^\W\d_a-z][\w'’-]*"
_GREETING = r"(?i:(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))(?:\s+there)?[!.,]*\s+)?"
_SIGNED_PATTERNS = [
    rf"^\s*{_GREETING}(?P<name>{_CAPITALISED}(?:\s+{_CAPITALISED})?)\s+(?i:here|speaking)\s*(?:[!.,;:—-]|$)",
    rf"^\s*(?i:it'?s|it’s)\s+(?P<name>{_CAPITALISED}(?:\s+{_CAPITALISED})?)\s*(?:[!.,;:—-]|$)",
]
_CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "christmas", "today",
    "tomorrow", "nobody", "everyone", "everybody", "someone", "me", "i",
}
# Words that end a name, or show that "I'm X" was not a name ("I'm fine").
_NAME_STOP = {
    "and", "but", "my", "i", "favourite", "favorite", "colour", "color", "is", "the", "a", "an", "from", "here",
    "also", "so", "like", "love", "with", "who", "btw", "by", "thanks", "thank", "please", "it's", "its",
}
_NOT_NAMES = {
    "fine", "good", "ok", "okay", "great", "well", "here", "not", "sure", "happy", "glad", "sorry", "new", "back",
    "ready", "tired", "busy", "just", "doing", "going", "looking", "trying", "interested", "a", "an", "the", "very",
    "it", "what", "what's", "how", "why", "who", "where", "when", "can", "could", "do", "does", "are", "tell",
    "hello", "hi", "hey", "yes", "no", "thanks", "please", "help", "show", "explain", "write", "give",
}
# Words after "colour" that are not one: "the colour I like best", "colour and size".
_NOT_COLOURS = {"and", "but", "is", "i", "i'd", "i'm", "you", "we", "that", "which", "of", "for", "to", "my", "the", "a",
                "an", "would", "will", "has", "was"}
_COLOUR_PATTERN = re.compile(
    r"\b(?:favou?rite\s+colou?r|colou?r)\s*(?P<said>\bis\b|:|=|-|\bwould\s+be\b|'s\b)?\s*"
    r"(?P<colour>[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)",
    re.IGNORECASE,
)


def parse_colour(text: str) -> str | None:
    match = _COLOUR_PATTERN.search(text)
    if match:
        words = match.group("colour").split()
        if len(words) > 1 and (words[0].lower() in COLOUR_MODIFIERS or words[1].lower() in COLOURS):
            return " ".join(words[:2])  # "navy blue", "mint green"
        # "colour is periwinkle" names any colour; "the colour I like", "colour isn't" name none.
        if words[0].lower() not in _NOT_COLOURS and (match.group("said") or words[0].lower() in COLOURS):
            return words[0]
    tokens = re.findall(r"[^\W\d_][\w-]*", text)
    for index, token in enumerate(tokens):
        if token.lower() in COLOURS:
            if index > 0 and tokens[index - 1].lower() in COLOUR_MODIFIERS - {token.lower()}:
                return f"{tokens[index - 1]} {token}"
            if index + 1 < len(tokens) and tokens[index + 1].lower() in COLOURS:
                return f"{token} {tokens[index + 1]}"  # "navy blue"
            return token
    return None


def parse_name(text: str, *, bare_reply_allowed: bool = True) -> str | None:
    for pattern in _NAME_PATTERNS:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            name = _clean_name(match.group("name"))
            if name:
                return name
    for pattern in _SIGNED_PATTERNS:
        match = re.search(pattern, text)
        if match and not any(word.lower() in _CALENDAR for word in match.group("name").split()):
            name = _clean_name(match.group("name"))
            if name:
                return name
    if bare_reply_allowed:
        # A bare reply to "what's your name?": "Ada", "Ada Lovelace, teal".
        first = re.split(r"[,;.!/\n]| and ", text, maxsplit=1)[0].strip()
        words = first.split()
        if 1 <= len(words) <= 3 and all(re.fullmatch(_WORD, w) for w in words):
            if not any(w.lower() in COLOURS | _NAME_STOP | _NOT_NAMES for w in words):
                return first
    return None


def _clean_name(raw: str) -> str | None:
    words: list[str] = []
    for word in raw.split():
        if word.lower() in _NAME_STOP:
            break
        if words and words[0][0].isupper() and not word[0].isupper():
            break  # "Tomasz speaking": a capitalised name ends at a lowercase word
        words.append(word.rstrip("'’-"))
    if not words or words[0].lower() in _NOT_NAMES or words[0].lower() in COLOURS:
        return None
    return " ".join(words)
