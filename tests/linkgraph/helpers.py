"""Small CSV fixtures for the link graph tests, written as bytes so encodings are exact."""

from __future__ import annotations

from pathlib import Path

SITE = "https://shop.example"
SF_HEADER = "Type,Source,Destination,Anchor,Status Code,Follow,Target,Link Position"


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def edge_csv(path: Path, pairs: list[tuple[str, str]], header: str = "Source,Destination") -> Path:
    lines = [header] + [f"{SITE}{a},{SITE}{b}" for a, b in pairs]
    return write(path, "\n".join(lines) + "\n")


# The hand-checked graph: A is the home page.
#   / -> /b, / -> /c, /b -> /d, /c -> /d, /d -> /e, /g -> /    (/f only in the metadata)
HAND_EDGES = [("/", "/b"), ("/", "/c"), ("/b", "/d"), ("/c", "/d"), ("/d", "/e"), ("/g", "/")]
