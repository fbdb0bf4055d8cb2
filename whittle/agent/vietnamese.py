"""Vietnamese in an English request, read as the English request it makes.

A Vietnamese-speaking user types the app's words in English and the rest in Vietnamese: "em sửa buy acetone thành
buy acetone 2 gallon nha", "the last one bỏ đi em", "cái ở dưới cùng đó, move lên trên cùng nha". Only the words
that ask (the verbs, places, pointers and joiners) are read as English; what a thing is called stays as typed.
The address words ("em", "chị", "anh ơi") and the politeness words ("dạ", "ạ", "nha", "nhé", "luôn", "đi") ask
nothing.
"""

from __future__ import annotations

import re

# Words only Vietnamese has: its politeness and address words, and its asking words.
_VIETNAMESE = re.compile(r"(?<!\w)(?:dạ|ạ|nha|nhé|cảm\s+ơn|cám\s+ơn|ơi|rồi|luôn|giùm|dùm|thêm|xóa|xoá|sửa|đổi|chị|cái|"
                         r"thì|quay\s+lại|tạo|bỏ\s+đi|lên|xuống|ủa|chưa|xong|không|này|của|vậy|hả|quá|được|tới)(?!\w)",
                         re.IGNORECASE)
_IN_VIETNAMESE = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    (r"(?<!\w)(?:cảm|cám)\s+ơn(?:\s+(?:em|chị|anh|cô))?(?:\s+nhiều)?(?!\w)", "thank you"),
    # Calling out and exclaiming: "em ơi", "anh ơi", "trời ơi", "ủa".
    (r"(?<!\w)(?:em|anh|chị|trời)\s+ơi(?!\w)[,!\s]*", ""), (r"(?<!\w)(?:trời|ủa)(?!\w)[,!\s]*", ""),
    # "em sửa …", "em tick …": the one asked, named before the ask.
    (r"(?<!\w)em\s+(?=(?:add|tick|check|sửa|đổi|đọc|search|text|delete|change|move|fix|mark|open|start|xóa|xoá)\b)", ""),
    # "fix giùm chị", "check off cho chị": for me.
    (r"\bfix\s+(?:giùm|dùm|giúp|cho)\s+(?:chị|em|anh)(?!\w)", "fix it"),
    (r"\s*(?<!\w)(?:giùm|dùm|giúp|cho)\s+(?:chị|em|anh)(?!\w)", ""),
    (r"(?<!\w)(?:vô|vào)\s+list(?!\w)", "to the list"),
    # Adding, deleting, changing.
    (r"(?<!\w)thêm\s+cái\s+này(?!\w)", "add this"), (r"(?<!\w)thêm\s+one\s+more(?!\w)", "add"), (r"(?<!\w)thêm(?!\w)", "add"),
    (r"(?<!\w)còn\s+(.+?)\s+thì\s+(?:xóa|xoá)\s+luôn(?!\w)", r"and delete \1 too"),
    (r"\s*(?<!\w)(?:bỏ|xóa|xoá|delete)\s+đi(?!\w)", ", delete it"),
    (r"(?<!\w)(?:xóa|xoá)\s+cái\s+", "delete "), (r"(?<!\w)(?:xóa|xoá)(?!\w)", "delete"),
    (r"(?<!\w)(cancel|finalize)\s+(?:nó\s+)?đi(?!\w)", r"\1 it"),
    (r"(?<!\w)(?:sửa|đổi)\s+thành\s+", "change it to "), (r"(?<!\w)(?:sửa|đổi)\s+(.+?)\s+thành\s+", r"change \1 to "),
    (r"^\s*chị\s+hay\s+quên(?:\s+lắm)?\s*,?\s*", ""),  # "I forget a lot"
    (r"(?<!\w)chị\s+(?=(?:pay|paid|call|called|buy|bought|got|did|finish\w*)\b)", "I "),
    # "greeting sai rồi em, quay lại …": what is wrong, said before going back, is why.
    (r"^\s*[\w ]{1,30}?\s+sai\s+rồi(?:\s+em)?\s*,\s*(?=quay\s+lại|go\s+back)", ""),
    # "hồi nãy chị có nói tên cái nail supply ở Bellaire": what was said earlier, searched for.
    (r"(?<!\w)hồi\s+nãy\s+chị\s+có\s+nói(?:\s+tên)?(?:\s+cái)?\s+([^,.;!?]+?)(?:\s+ở\s+([^,.;!?]+?))?\s*(?=[,.;!?]|$)",
     lambda m: "earlier I said something about " + " ".join(g for g in m.groups() if g)),
    (r"(?<!\w)trang\s+nào\b[^?]*?mạnh\s+nhất[^?]*\?", "which pages are strongest?"),
    # "fix pedicure chair 3 chưa xong đâu, un-check it lại đi": the thing not done yet is the one unticked.
    (r"(?:^|(?<=,\s))([^,.;!?]+?)\s+chưa\s+(?:làm\s+)?xong(?:\s+đâu)?\s*,\s*(?:un-?check|untick)\s+it\b", r'uncheck "\1"'),
    (r"(?<!\w)phải\s+là(?!\w)", "should be"), (r"(?<!\w)chị\s+(?:viết|ghi)\s+sai\b[^,.;!?]*[,.]?\s*", ""),
    # Places and pointers: "lên top", "cái ở dưới cùng đó", "cái thứ hai".
    (r"(?<!\w)lên\s+(?:top|trên\s+cùng|đầu(?:\s+list)?)(?!\w)", "to the top"),
    (r"(?<!\w)xuống\s+(?:bottom|dưới\s+cùng|cuối(?:\s+list)?)(?!\w)", "to the bottom"),
    (r"(?<!\w)cái\s+ở\s+dưới\s+cùng(?:\s+đó)?(?!\w)", "the bottom one"), (r"(?<!\w)cái\s+ở\s+trên\s+cùng(?:\s+đó)?(?!\w)", "the top one"),
    (r"(?<!\w)để\s+nó\s+ở\s+(top|bottom)(?!\w)", r"put it at the \1"),
    (r"(?<!\w)cái\s+(?:đầu\s+tiên|thứ\s+nhất)(?!\w)", "the first one"), (r"(?<!\w)cái\s+thứ\s+(?:hai|2)(?!\w)", "the second one"),
    (r"(?<!\w)cái\s+thứ\s+(?:ba|3)(?!\w)", "the third one"),
    # "…, rồi để nó ở top": then; "competitor là …", "rồi analysis thì …": a step's value.
    (r",?\s+rồi\s+(?=(?:put|switch|move|check|tick|delete|add)\b)", " and then "),
    (r"\.\s*rồi\s+(analysis|competitors?)\s+thì(?!\w)", r". \1:"), (r"(?<!\w)(analysis|competitors?)\s+thì(?!\w)", r"\1:"),
    (r"(?<!\w)(competitors?)\s+là(?!\w)", r"\1 are"), (r"(?<!\w)(name|greeting)\s+là(?!\w)", r"\1"),
    (r"(?<!\w)quay\s+lại(?!\w)", "go back to"), (r"(?<!\w)và(?!\w)", "and"),
    (r"(?<!\w)switch\s+qua\s+(?:đó|nó)(?!\w)", "switch to it"), (r"(?<!\w)switch\s+qua(?!\w)", "switch to"),
    (r"(?<!\w)tạo\s+profile\s+mới\s+tên(?!\w)", "create a new profile called"), (r"(?<!\w)tạo(?!\w)", "create"),
    (r"(?<!\w)chạy(?!\w)", "start"), (r"(?<!\w)cái\s+([^,.;!?]+?)\s+mới(?!\w)", r"a new \1"), (r"(?<!\w)cái(?!\w)", "the"),
    (r"(?<!\w)nó(?!\w)", "it"),
    (r"\s+vì\s+[^,.;!?]*", ""),  # "… vì tiệm thiếu thợ": because, why
    # Done or not: "xong rồi", "chưa xong đâu", "sai rồi"; "rồi" alone is "already".
    (r"(?<!\w)(?:xong|done)\s+rồi(?!\w)", "done"), (r"(?<!\w)chưa\s+(?:làm\s+)?xong(?:\s+đâu)?(?!\w)", "is not done yet"),
    (r"(?<!\w)sai\s+rồi(?!\w)", "is wrong"), (r"(?<!\w)hết\s+rồi(?!\w)", "ran out"), (r"\s*(?<!\w)rồi(?!\w)", ""),
    # Reading the list, searching the chat.
    (r"(?<!\w)đọc\s+list(?:\s+(?:for|cho)\s+(?:chị|em|anh))?(?:\s+coi)?(?!\w).*$", "show me the list"),
    (r"(?<!\w)search\s+lại\s+chat(?!\w)", "search the chat"), (r"\s*(?<!\w)coi\s+chị\s+nói\s+gì(?!\w)", ""),
    # Asking nothing: "2 thing riêng", "không cần nữa", "luôn", a closing "đi", "em", "dạ", "nha".
    (r",?\s*\d+\s+thing\s+riêng(?!\w)", ""), (r"(?<!\w)un-check(?!\w)", "uncheck"), (r"\s*(?<!\w)lại\s+đi(?!\w)", ""),
    (r",?\s*(?<!\w)không\s+cần\s+nữa(?!\w)", ""), (r",?\s*(?<!\w)chị\s+không\s+(?:care|sửa)\s+nữa(?!\w)", ""),
    (r"\s*(?<!\w)luôn(?!\w)", ""), (r"\s*(?<!\w)đi(?:\s+em)?(?!\w)(?=\s*(?:[,.!?]|$))", ""),
    (r"\s*(?<!\w)(?:dạ|ạ|nha|nhé)(?!\w)\s*", " "), (r"\s+(?:em|chị)(?!\w)(?=\s*(?:[,.!?]|$))", ""),
))


# An English asking word or an app's word: a part of the request without one, in Vietnamese, only tells ("cái cũ
# rách hết rồi").
_ASKING = re.compile(r"\b(?:add|delete|remove|tick|check|uncheck|untick|move|change|show|open|start|switch|go|create|"
                     r"finali[sz]e|cancel|search|put|mark|fix|edit|rename|make|compare|name|greeting|competitors?|"
                     r"analysis|orphans?|pages?|links?|list|todos?|profiles?|job|run|step|chat|dashboard|costs?)\b", re.IGNORECASE)
_PARTS = re.compile(r"((?:[,;]|[.!?]+)\s+)")


def _without_telling(text: str) -> str:
    """"print new price list is most important, customer complain giá cũ. move it lên top": a later part typed in
    Vietnamese that asks for nothing is why, no part of the request."""
    parts = _PARTS.split(text)
    kept = parts[:1]
    for mark, part in zip(parts[1::2], parts[2::2]):
        if any(ord(c) > 127 and c.isalpha() for c in part) and not _ASKING.search(part):
            kept.append(mark.strip(" ,;") + ("?" if part.rstrip().endswith("?") else ""))  # a question keeps its mark
            continue
        kept += [mark, part]
    return "".join(kept)


def shows_vietnamese(text: str) -> bool:
    return bool(_VIETNAMESE.search(text))


def read_vietnamese(text: str) -> str:
    """The request with its Vietnamese asking words read as English, its politeness words dropped."""
    for pattern, plain in _IN_VIETNAMESE:
        text = pattern.sub(plain, text)
    text = _without_telling(text)
    text = re.sub(r",+(?=[.!?])", "", re.sub(r"\s+([.,:!?])", r"\1", text))
    return re.sub(r"\s{2,}", " ", text).strip(" ,")
