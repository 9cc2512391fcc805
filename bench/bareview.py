"""The yardstick for the sign benchmark: the least a Django view can do to store one row.

Mounted at /__bench__/ only when AYNI_BENCH=1 (see ayni/urls.py); never in production.
It goes through the same server, middleware and database settings as every other view and
inserts one row: either with one plain SQL statement into `bench_row`, a table bench/run.py
creates (no app migration), or with the ORM's `create()` into core.PeriodicRun (name + two
empty columns), which is how a Django view usually writes.
"""

from __future__ import annotations

import uuid

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ayni.core.models import PeriodicRun

CREATE_TABLE = (
    "CREATE TABLE IF NOT EXISTS bench_row ("
    "id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, payload TEXT NOT NULL)"
)


@csrf_exempt
@require_POST
def insert_row(request: HttpRequest) -> HttpResponse:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_row (created_at, payload) VALUES (%s, %s)",
            [timezone.now().isoformat(), request.POST.get("x", "")],
        )
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
@require_POST
def create_object(request: HttpRequest) -> HttpResponse:
    """The same through the ORM, into an existing simple table (core.PeriodicRun)."""
    PeriodicRun.objects.create(name=f"bench-{uuid.uuid4().hex}")
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("insert/", insert_row, name="bench-insert"),
    path("create/", create_object, name="bench-create"),
]
