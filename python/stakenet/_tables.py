"""In-memory ``nodes.csv``/``edges.csv`` for networks that come from pandas or
networkx, so that they pass through the library's own loader (the same
validation and the same messages as the CLI), and the error locations
translated back into rows of the caller's table."""

from __future__ import annotations

import csv
import io
import math
from typing import Any, Iterable, List, Optional, Sequence

from ._stakenet import InputError


def cell(value: Any) -> str:
    """The CSV text of one value: empty for a missing value (None, NaN, pandas
    NA), ``true``/``false`` for booleans, the shortest round-tripping text for
    a float, ``str()`` for anything else."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    text = str(value)
    if text in ("<NA>", "NaT") and _is_missing(value):
        return ""
    return text


def _is_missing(value: Any) -> bool:
    try:
        import pandas

        return bool(pandas.isna(value))
    except Exception:  # pandas absent, or a value pandas cannot judge
        return False


class Sheet:
    """One table as CSV bytes, with a description of each data row (for
    error messages) and where each row starts in the text."""

    def __init__(self, name: str, text: str, rows: Sequence[str]):
        self.name = name
        self.data = text.encode("utf-8")
        self.rows = rows
        # line_starts[k] = first line of record k (record 0 is the header).
        self.line_starts: List[int] = []
        reader = csv.reader(io.StringIO(text, newline=""))
        line = 1
        for _ in reader:
            self.line_starts.append(line)
            line = reader.line_num + 1

    @classmethod
    def from_rows(
        cls, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]], labels: Sequence[str]
    ) -> "Sheet":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([cell(v) for v in row])
        return cls(name, out.getvalue(), labels)

    def row_of_line(self, line: int) -> Optional[int]:
        """The 0-based data row whose record starts at ``line`` (None for
        the header or a line past the end)."""
        import bisect

        k = bisect.bisect_right(self.line_starts, line) - 1
        if k <= 0 or k > len(self.rows):
            return None
        return k - 1


def translate(error: InputError, sheets: Sequence[Sheet]) -> InputError:
    """The same problems, located in the caller's tables: ``file`` is the
    table's name, ``row`` the 0-based data row (None for the header),
    ``where`` a description of that row (DataFrame index label, networkx node
    or edge), ``line`` stays the line of the generated CSV text."""
    by_name = {s.name: s for s in sheets}
    problems = []
    lines = []
    for e in getattr(error, "errors", []):
        sheet = by_name.get(e["file"])
        row = sheet.row_of_line(e["line"]) if sheet is not None else None
        where = sheet.rows[row] if sheet is not None and row is not None else None
        p = dict(e, row=row, where=where)
        problems.append(p)
        place = e["file"] if where is None else f"{e['file']}, {where}"
        if row is None:
            place += " header"
        lines.append(f"{place}, column {e['column']}: {e['column_name']}: {e['message']}")
    more = getattr(error, "more", 0)
    if more:
        lines.append(f"… and {more} more problems")
    out = InputError("\n".join(lines))
    out.errors = problems
    out.more = more
    first = problems[0] if problems else {}
    for key in ("file", "line", "column", "column_name", "row", "where"):
        setattr(out, key, first.get(key))
    return out
