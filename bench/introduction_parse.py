"""How well the Introduction app reads a name and a favourite colour from a reply, with no model.

    .venv/bin/python bench/introduction_parse.py [--file bench/introduction/introductions.jsonl] [--show]

bench/introduction/introductions.jsonl holds 60 replies to "What's your name, and what's your favourite
colour?", written without reading apps/introduction_parse.py (10 of them tricky: a name that is a
colour word, a colour the user rejects). Reports how many replies give both facts right, each fact
alone, and how many wrong values would be saved (a wrong value is worse than none: the app asks again
for a missing fact but keeps a wrong one). Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    from whittle.apps.introduction_parse import parse_colour, parse_name

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=HERE / "introduction" / "introductions.jsonl")
    parser.add_argument("--show", action="store_true", help="print each reply not read right")
    args = parser.parse_args(argv)
    lines = [json.loads(raw) for raw in args.file.read_text(encoding="utf-8").splitlines() if raw.strip()]
    both = names = colours = wrong_saved = 0
    for line in lines:
        name, colour = parse_name(line["text"]), parse_colour(line["text"])
        name_right, colour_right = name == line["name"], colour == line["colour"]
        names += name_right
        colours += colour_right
        both += name_right and colour_right
        wrong_saved += (name is not None and not name_right) + (colour is not None and not colour_right)
        if args.show and not (name_right and colour_right):
            print(f"  {line['text']!r}: read {name!r} / {colour!r}, want {line['name']!r} / {line['colour']!r}")
    print(f"{len(lines)} replies: both right {both}, name right {names}, colour right {colours}, "
          f"wrong values saved {wrong_saved}")
    print(json.dumps({"replies": len(lines), "both_right": both, "name_right": names, "colour_right": colours,
                      "wrong_values_saved": wrong_saved}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
