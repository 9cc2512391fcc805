"""Signatures as CSV, streamed in constant memory and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from ayni.statements.models import Signature

EXPORT_COLUMNS = (
    "name",
    "email",
    "country",
    "organisation",
    "role",
    "kind",
    "status",
    "comment",
    "show_publicly",
    "wants_updates",
    "language",
    "created_at",
    "confirmed_at",
)
CHUNK_SIZE = 2000
# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """The cell as text; a leading formula character is neutralised with a single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write() hands the line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def signature_rows(signatures: QuerySet[Signature]) -> Iterator[list[str]]:
    yield list(EXPORT_COLUMNS)
    rows = signatures.order_by("pk").values_list(*EXPORT_COLUMNS)
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        yield [safe_cell(value) for value in row]


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # A byte-order mark so that spreadsheet programs read the file as UTF-8 (names in any script).
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(row)


def signatures_csv_response(
    signatures: QuerySet[Signature], *, filename: str
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(signature_rows(signatures)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
