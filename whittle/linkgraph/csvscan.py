"""A first pass over a CSV file, line by line, to find what a CSV parser would choke on.

polars reads each physical line as one string (bad UTF-8 bytes become U+FFFD, never an
exception), and vectorised string expressions count the fields of every line. That gives
exact line numbers for bad encodings and malformed rows without holding the file as one
Python string. A quoted field that spans lines is reported as malformed: link exports do
not contain them, and guessing would misalign every line number after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

REPLACEMENT_CHAR = "\ufffd"
UNIT_SEPARATOR = "\x1f"  # a byte no CSV export contains, so each line stays one column
QUOTED = r'"(?:[^"]|"")*"'
CANDIDATE_SEPARATORS = (",", ";", "\t")


class CsvFileError(ValueError):
    """The file cannot be read as a CSV at all; the message says how to fix it."""


@dataclass(frozen=True)
class LineScan:
    """What the first pass found. Line numbers are 1-based, the header is line 1."""

    header: list[str]
    separator: str
    lines: pl.DataFrame  # line_no, bad_encoding, malformed (data lines, blanks removed)
    blank_lines: int

    @property
    def good(self) -> pl.DataFrame:
        return self.lines.filter(~pl.col("malformed"))

    def examples(self, column: str, limit: int = 5) -> tuple[int, list[int]]:
        flagged = self.lines.filter(pl.col(column))
        return flagged.height, flagged["line_no"].head(limit).to_list()


def _check_bytes(path: Path) -> None:
    with path.open("rb") as handle:
        start = handle.read(4)
    if not start:
        raise CsvFileError(f"{path.name} is empty; export the links again.")
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise CsvFileError(f"{path.name} is UTF-16 (Excel's 'Unicode text'); save it as 'CSV UTF-8' and import again.")


def _split_header(line: str, separator: str) -> list[str]:
    import csv  # the header is one short line: the stdlib parser is exact here

    return [name.strip() for name in next(csv.reader([line], delimiter=separator))]


def _lines(path: Path) -> pl.LazyFrame:
    return pl.scan_csv(
        path, has_header=False, separator=UNIT_SEPARATOR, quote_char=None,
        schema={"line": pl.String}, encoding="utf8-lossy", truncate_ragged_lines=True,
    ).with_row_index("line_no", offset=1)


def read_header(path: Path) -> tuple[list[str], str]:
    """The column names and the separator (comma, semicolon or tab), from the first line only."""
    path = Path(path)
    _check_bytes(path)
    first = _lines(path).head(1).collect()
    if first.height == 0 or first["line"][0] is None:
        raise CsvFileError(f"{path.name} has no header line; the first line must name the columns.")
    header_line = first["line"][0].rstrip("\r")
    separator = max(CANDIDATE_SEPARATORS, key=header_line.count)
    header = _split_header(header_line, separator)
    if len(header) < 2:
        raise CsvFileError(
            f"{path.name}: the header {header_line[:80]!r} has one column; a link list needs at least source and "
            "target, separated by commas, semicolons or tabs."
        )
    return header, separator


def scan_lines(path: Path) -> LineScan:
    """Read every line once; flag bad encodings and lines whose field count differs from the header's.

    Only the flags are kept (streaming engine): memory stays a few bytes per line, whatever the file size.
    """
    path = Path(path)
    header, separator = read_header(path)
    line = pl.col("line")
    flags = (
        _lines(path).slice(1)
        .select(
            "line_no",
            blank=line.is_null() | (line.str.strip_chars() == ""),
            bad_encoding=line.str.contains(REPLACEMENT_CHAR, literal=True).fill_null(False),
            quoted=line.str.contains('"', literal=True).fill_null(False),
            malformed=(line.str.count_matches(separator, literal=True) + 1 != len(header)).fill_null(False),
        )
        .collect(engine="streaming")
    )
    if flags["quoted"].any():
        # Only lines with quotes need the (slower) regex that skips separators inside quoted fields.
        unquoted = line.str.replace_all(QUOTED, "", literal=False)
        quoted = (
            _lines(path).slice(1)
            .filter(line.str.contains('"', literal=True).fill_null(False))
            .select(
                "line_no",
                _fields=unquoted.str.count_matches(separator, literal=True) + 1
                + unquoted.str.contains('"', literal=True).cast(pl.UInt32) * 1000,  # a stray quote: malformed
            )
            .collect(engine="streaming")
        )
        flags = flags.join(quoted, on="line_no", how="left", maintain_order="left").with_columns(
            malformed=pl.when(pl.col("quoted")).then(pl.col("_fields") != len(header)).otherwise(pl.col("malformed"))
        ).drop("_fields")
    flags = flags.drop("quoted")
    blank = int(flags["blank"].sum())
    lines = flags.filter(~pl.col("blank")).drop("blank")
    return LineScan(header=header, separator=separator, lines=lines, blank_lines=blank)


def read_rows(path: Path, scan: LineScan, columns: list[str], workdir: Path) -> pl.DataFrame:
    """The well-formed rows' chosen columns as strings, with each row's line number (`line_no`).

    When some lines were bad, the header and the good lines are first streamed to a file in
    `workdir` (polars' streaming engine; never one Python string) so the CSV parser sees no bad line.
    """
    good = scan.good
    if good.height == 0:
        return pl.DataFrame({"line_no": pl.Series([], dtype=pl.UInt32), **{c: pl.Series([], dtype=pl.String) for c in columns}})
    source = Path(path)
    if good.height != scan.lines.height or scan.lines["bad_encoding"].any():
        source = Path(workdir) / "wellformed.csv"
        wanted = pl.concat([pl.Series([1], dtype=pl.UInt32), good["line_no"].cast(pl.UInt32)])
        (
            _lines(Path(path))
            .filter(pl.col("line_no").is_in(wanted.implode()))
            .select(pl.col("line").str.strip_chars_end("\r"))
            .sink_csv(source, include_header=False, quote_style="never")
        )
    rows = pl.read_csv(
        source, separator=scan.separator, infer_schema=False, columns=columns,
        encoding="utf8-lossy", truncate_ragged_lines=True,
    )
    if source != Path(path):
        source.unlink()
    if rows.height != good.height:
        raise CsvFileError(
            f"{Path(path).name}: parsed {rows.height:,} rows but found {good.height:,} well-formed lines; a quoted "
            "field probably spans lines. Remove line breaks inside quoted cells and import again."
        )
    return rows.with_columns(line_no=good["line_no"])

