"""Steps and fields: a workflow's cells described as data, and the checks on what the user enters.

Values arrive either from an HTML form (strings) or from Python (native types);
`Field.clean` accepts both, so the browser and a notebook go through the same checks.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

FieldKind = Literal["text", "textarea", "list", "number", "select", "checkbox", "file"]
ShowKind = Literal["values", "text", "list", "table"]

STEP_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
DEFAULT_MAX_LENGTH = {"text": 200, "textarea": 5000, "list": 200}
LIST_SPLIT = re.compile(r"[\n,;]+")
TRUE_WORDS = {"on", "true", "1", "yes"}
# The last item of a typed list, of up to four words, after its "and": "…, Figma and Adobe Express". An "&" before
# a firm's own ending ("…, Topping & Company", "Dean & Sons") is part of the name.
_LAST_AND = re.compile(r"\s+(?:and|&(?!\s+(?:co|company|sons?|daughters?|partners|associates)\b\.?))\s+"
                       r"(?=[^\s]+(?:\s+[^\s]+){0,3}$)", re.IGNORECASE)
# After two commas the list's joiner is the comma: "Key Food, Trader Joe's, Stop & Shop" keeps its "&".
_LAST_WORD_AND = re.compile(r"\s+and\s+(?=[^\s]+(?:\s+[^\s]+){0,3}$)", re.IGNORECASE)


_EVERY_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def _list_pieces(text: str) -> list[str]:
    """One item per line or comma; a typed line "Canva, Figma and Adobe Express" is three: its last
    "and" joins two items, as in an English list. Without a comma ("Marks and Spencer") it is one, unless
    two "and"s join three ("Sweet Crumbs and Cookie Co and Nothing Bundt Cakes")."""
    pieces = LIST_SPLIT.split(text)
    if len(pieces) == 1 and "\n" not in text.strip() and len(_EVERY_AND.findall(text)) >= 2:
        return _EVERY_AND.split(text)
    if "\n" not in text.strip() and len(pieces) > 1:
        *first, last = pieces
        last = re.sub(r"^(?:and|&)\s+", "", last.strip(), flags=re.IGNORECASE)  # "a, b, and c"
        pieces = [*first, *(_LAST_AND if len(first) == 1 else _LAST_WORD_AND).split(last, maxsplit=1)]
    return pieces


class WorkflowError(ValueError):
    """Something the user asked that cannot be done now; str(error) says why and what to do."""


class StepInputError(WorkflowError):
    """Values that do not pass a step's checks. `errors` maps field name -> what is wrong."""

    def __init__(self, errors: Mapping[str, str], labels: Mapping[str, str] | None = None):
        self.errors = dict(errors)
        labels = labels or {}
        super().__init__("; ".join(f"{labels.get(name, name)}: {text}" for name, text in self.errors.items()))


class FieldError(ValueError):
    pass


UPLOAD_CHUNK = 1 << 20
UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


async def save_upload(upload: Any, folder: Path) -> dict[str, Any] | None:
    """Stream an uploaded file (Starlette UploadFile) into `folder` in 1 MiB chunks; the value a file field stores.

    The browser's file name is reduced to safe characters; a partly written file never
    keeps the final name (written as .part, renamed at the end). None when no file was chosen.
    """
    if not getattr(upload, "filename", ""):
        return None
    name = UNSAFE_NAME.sub("_", Path(upload.filename).name).strip("._")[:120] or "upload"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    partial = folder / f".{name}.{uuid.uuid4().hex[:8]}.part"
    try:
        with partial.open("wb") as out:
            while chunk := await upload.read(UPLOAD_CHUNK):
                out.write(chunk)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return {"name": name, "path": str(target), "size": target.stat().st_size}


@dataclass(frozen=True)
class Field:
    """One input of a step.

    kind: text | textarea | list (one item per line, or comma-separated) | number | select | checkbox.
    keep: on revert, a kept field's value stays in the form instead of being cleared.
    """

    name: str
    label: str
    kind: FieldKind = "text"
    required: bool = True
    default: Any = None
    help: str = ""
    placeholder: str = ""
    max_length: int | None = None  # per item for lists
    max_items: int = 50
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    keep: bool = False
    accept: str = ""  # file fields: the browser's file filter, e.g. ".csv,text/csv"

    def clean(self, raw: Any) -> Any:
        """The value to store, or FieldError saying what is wrong and how to fix it."""
        cleaner = getattr(self, f"_clean_{self.kind}", None)
        if cleaner is None:
            raise FieldError(f"unknown field kind {self.kind!r}")
        return cleaner(raw)

    @property
    def limit(self) -> int:
        return self.max_length or DEFAULT_MAX_LENGTH.get(self.kind, 200)

    def _missing(self) -> FieldError:
        return FieldError("this is required; fill it in.")

    def _clean_text(self, raw: Any) -> str:
        text = "" if raw is None else str(raw).strip()
        if self.kind == "text":
            text = " ".join(text.split())  # a one-line field: pasted line breaks become spaces
        if not text and self.required:
            raise self._missing()
        if len(text) > self.limit:
            raise FieldError(f"{len(text):,} characters is too long; keep it under {self.limit:,}.")
        return text

    _clean_textarea = _clean_text

    def _clean_file(self, raw: Any) -> dict[str, Any] | None:
        """A file on this machine, stored as {"name", "path", "size"}; the web app saves uploads first (save_upload)."""
        if raw is None or raw == "" or (hasattr(raw, "filename") and not raw.filename):
            if self.required:
                raise FieldError("choose a file to upload.")
            return None
        if hasattr(raw, "filename"):  # an upload nobody streamed to disk: values are stored as JSON
            raise FieldError("this upload was not saved to disk; the app must call save_upload first.")
        if isinstance(raw, Mapping):
            path, name = Path(str(raw.get("path", ""))), str(raw.get("name") or "")
        else:
            path, name = Path(str(raw)), ""
        if not path.is_file():
            raise FieldError(f"{path.name or path} is not a file on this machine any more; upload it again.")
        return {"name": (name or path.name)[:200], "path": str(path), "size": path.stat().st_size}

    def _clean_list(self, raw: Any) -> list[str]:
        pieces = raw if isinstance(raw, list | tuple) else _list_pieces("" if raw is None else str(raw))
        items: list[str] = []
        seen: set[str] = set()
        for piece in pieces:
            item = " ".join(str(piece).split()).strip(" -*•")
            if not item or item.lower() in seen:
                continue  # blank lines and repeats are dropped, not errors
            if len(item) > self.limit:
                raise FieldError(f"'{item[:40]}…' is {len(item)} characters; keep each item under {self.limit}.")
            seen.add(item.lower())
            items.append(item)
        if not items and self.required:
            raise FieldError("enter at least one item, one per line.")
        if len(items) > self.max_items:
            raise FieldError(f"{len(items)} items are too many; keep it to {self.max_items} or fewer.")
        return items

    def _clean_number(self, raw: Any) -> float | int | None:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required:
                raise self._missing()
            return None
        try:
            number = float(str(raw).strip().replace(",", "")) if not isinstance(raw, int | float) else raw
        except ValueError:
            raise FieldError(f"{str(raw)[:40]!r} is not a number; type digits, e.g. 42.") from None
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        if self.min is not None and number < self.min:
            raise FieldError(f"{number} is below the minimum; use {self.min:g} or more.")
        if self.max is not None and number > self.max:
            raise FieldError(f"{number} is above the maximum; use {self.max:g} or less.")
        return number

    def _clean_select(self, raw: Any) -> str:
        value = "" if raw is None else str(raw).strip()
        if not value and not self.required:
            return ""
        # A choice typed in another case ("good morning", from the chat) is that choice.
        choice = next((c for c in self.choices if c.casefold() == value.casefold()), None)
        if choice is None:
            raise FieldError(f"{value[:40]!r} is not one of the choices; pick one of: {', '.join(self.choices)}.")
        return choice

    def _clean_checkbox(self, raw: Any) -> bool:
        # An unticked HTML checkbox sends nothing at all, so absence means False.
        if isinstance(raw, bool):
            return raw
        return str(raw).strip().lower() in TRUE_WORDS if raw is not None else False


ResultView = ShowKind | Callable[[Any], Any]


@dataclass(frozen=True)
class Step:
    """One cell of a workflow.

    handler: name of a Workflow method taking a StepContext and returning the step's result
    (plain JSON data); sync or async. Without one, the result is the cleaned values.
    show: how a completed step shows its result: values | text | list | table, or a callable
    returning FastHTML components. background: the web UI runs the handler as a task with
    live progress and a cancel button (the handler reports through ctx.checkpoint).
    """

    id: str
    title: str
    fields: tuple[Field, ...] = ()
    handler: str | None = None
    show: ResultView = "values"
    description: str = ""
    submit_label: str = "Save"
    background: bool = False

    def __post_init__(self) -> None:
        if not STEP_ID.match(self.id):
            raise ValueError(f"step id {self.id!r}: use lowercase letters, digits and _ (e.g. step_01)")
        names = [f.name for f in self.fields]
        if len(names) != len(set(names)):
            raise ValueError(f"step {self.id!r} has two fields with the same name")

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def defaults(self) -> dict[str, Any]:
        return {f.name: f.default for f in self.fields if f.default is not None}

    def clean(self, values: Mapping[str, Any] | None) -> dict[str, Any]:
        """Check every field; raise StepInputError listing each problem, or return the values to store."""
        values = dict(values or {})
        known = {f.name for f in self.fields}
        errors: dict[str, str] = {}
        for unknown in sorted(set(values) - known):
            errors[unknown] = f"this step has no such field; it takes: {', '.join(sorted(known)) or 'no fields'}."
        cleaned: dict[str, Any] = {}
        for field in self.fields:
            try:
                cleaned[field.name] = field.clean(values.get(field.name))
            except FieldError as error:
                errors[field.name] = str(error)
        if errors:
            raise StepInputError(errors, {f.name: f.label for f in self.fields})
        return cleaned
