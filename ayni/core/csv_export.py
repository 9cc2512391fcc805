"""CSV downloads from the back office: streamed in constant memory and safe to open in a
spreadsheet (a cell that would run as a formula is neutralised). Any app's export uses it::

    return csv_response(rows, filename="event-registrations.csv")

where `rows` yields the header, then each row's values (made safe here).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from django.http import StreamingHttpResponse

from ayni.core.validators import FORMULA_PREFIXES


def safe_cell(value: Any) -> str:
    """The cell as text; a leading formula character (= + - @ tab CR: Excel, LibreOffice and
    Sheets run such a cell as a formula) is neutralised with a single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write() hands the line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The rows as CSV lines, each cell made safe."""
    writer = csv.writer(_Echo())
    # A byte-order mark so that spreadsheet programs read the file as UTF-8 (names in any script).
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def csv_response(rows: Iterable[Iterable[Any]], *, filename: str) -> StreamingHttpResponse:
    """A download of `rows` (header first), streamed, never cached."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
