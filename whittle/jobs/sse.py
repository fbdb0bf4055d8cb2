"""Server-sent events, formatted by hand: a job's progress goes to the page as htmx SSE swaps."""

from __future__ import annotations


def sse_event(name: str, data: str) -> str:
    """One event. Each line of `data` gets its own data: prefix (the browser joins them with newlines);
    empty data still gets one, because a browser drops an event that has no data line."""
    lines = data.splitlines() or [""]
    return f"event: {name}\n" + "".join(f"data: {line}\n" for line in lines) + "\n"
