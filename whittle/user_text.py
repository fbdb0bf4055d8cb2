"""Text typed by the user must be text: control characters are refused with a clear message.

A NUL byte or an escape sequence in a todo, a profile name, a workflow field or a chat
message is never what the user meant (it comes from a paste, a script or an attacker), and it
breaks what reads the text later (terminals, CSV exports, the model's prompt). Newline, tab and
carriage return are kept: browsers send a textarea's line breaks as CR LF.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab, newline, carriage return; DEL; C1 controls; lone surrogates (not text at all).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class ControlCharacterError(ValueError):
    """The text holds a control character; str(error) says which, where, and what to do."""


def refuse_control_characters(text: str, *, what: str = "The text", error: type[ValueError] = ControlCharacterError) -> str:
    """Return `text` unchanged, or raise `error` naming the first control character and its position.

    `what` starts the message ("The todo", "The profile name"); `error` lets each store raise its
    own error type (TodoError, ProfileError...) so its callers need no new except clause.
    """
    found = _FORBIDDEN.search(text)
    if found is None:
        return text
    char = found.group()
    name = unicodedata.name(char, "control character") if not 0xD800 <= ord(char) <= 0xDFFF else "lone surrogate"
    raise error(
        f"{what} contains an invisible control character (U+{ord(char):04X} {name}) at position {found.start() + 1}, "
        "which cannot be saved; delete it or retype the text (pasting as plain text also removes it)."
    )
