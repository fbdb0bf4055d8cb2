"""One confirmation style for every destructive action: the browser asks, the server checks.

The button carries hx-confirm (the browser's own dialog asks the question) and hx-vals
confirm=yes. The handler refuses a POST without confirm=yes and says how to confirm, so a stray
request (a script, a replayed form, a mis-click that skipped the dialog) changes nothing.
Questions follow one pattern: "<Action> <what>? <What is lost.> This cannot be undone."
"""

from __future__ import annotations

import json

from whittle.apps.base import form_data

CONFIRMED = "yes"


@form_data
class ConfirmForm:
    confirm: str = ""

    @property
    def confirmed(self) -> bool:
        return self.confirm == CONFIRMED


def question(action: str, loss: str = "") -> str:
    """'Delete run 'a-01'? Everything saved in it is lost. This cannot be undone.'"""
    return " ".join(part for part in (f"{action}?", loss, "This cannot be undone.") if part)


def confirm_attrs(action: str, loss: str = "") -> dict[str, str]:
    """Keyword arguments for the button that performs a destructive action."""
    return {"hx_confirm": question(action, loss), "hx_vals": json.dumps({"confirm": CONFIRMED})}


def not_confirmed(action: str, button: str) -> str:
    """What the server answers to an unconfirmed request: which button to press."""
    return f"{action} needs confirming: press {button} and confirm; nothing was changed."
