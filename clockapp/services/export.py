"""Tables written as text for a spreadsheet or a script: CSV, Excel's CSV, JSON.

The session export and the month export both write through here, so "Excel (CSV)" means the
same thing everywhere: ``;`` between fields, CRLF line ends and a UTF-8 byte order mark first,
which is what a spreadsheet set to a German (or other comma-decimal) locale opens with a double
click, umlauts intact. Write the text as UTF-8 unchanged (no newline translation).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from clockapp.domain.errors import ClockError

EXPORT_FORMATS = ("csv", "excel", "json")


def check_format(fmt: str) -> None:
    if fmt not in EXPORT_FORMATS:
        raise ClockError("Unknown export format {format!r}; use csv, excel or json.", format=fmt)


def json_text(records: Any) -> str:
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], excel: bool) -> str:
    """``header`` and ``rows`` as CSV (``excel``: the spreadsheet flavour). Empty values are
    empty cells, true/false are ``yes``/``no``."""
    out = io.StringIO()
    writer = csv.writer(
        out, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n"
    )
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return ("\ufeff" if excel else "") + out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # Text starting like this would run as a formula when the file is opened in a spreadsheet.
        return "'" + value
    return value
