"""What a tool returns: a sentence whittle wrote, the data it read, and how to take it back.

`text` is composed by the tool's code ("Added 'milk' to the todo list."); `data` holds strings
that came from the user or a third party (todo texts, page titles, chat lines). Data is shown
quoted and escaped, and never handed to a model as something to do. `undo` reverses a
non-destructive action (the chat's Undo button); None when there is nothing to reverse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ToolResult:
    text: str
    data: tuple[str, ...] = field(default_factory=tuple)
    undo: Callable[[], Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "data": list(self.data)}


class ToolFailed(ValueError):
    """The tool could not do it (no such todo, a run that is finalized); str(error) says why and what to do."""


def as_result(value: Any) -> ToolResult:
    """A tool may return a ToolResult, a plain sentence, or None ("Done.")."""
    if isinstance(value, ToolResult):
        return value
    if value is None:
        return ToolResult("Done.")
    return ToolResult(str(value))


def quoted(text: str) -> str:
    return f"'{text}'"
