"""Signatures as CSV, streamed in constant memory and safe to open in a spreadsheet
(ayni.core.csv_export)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from ayni.core.csv_export import csv_response
from ayni.core.csv_export import safe_cell as safe_cell  # the export tests read it
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


def signature_rows(signatures: QuerySet[Signature]) -> Iterator[list[Any]]:
    yield list(EXPORT_COLUMNS)
    rows = signatures.order_by("pk").values_list(*EXPORT_COLUMNS)
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        yield list(row)


def signatures_csv_response(
    signatures: QuerySet[Signature], *, filename: str
) -> StreamingHttpResponse:
    return csv_response(signature_rows(signatures), filename=filename)
