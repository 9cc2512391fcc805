"""Serialising a job across workers that share one database."""

from __future__ import annotations

import hashlib

from django.db import connection

from ayni.core.models import PeriodicRun


def job_lock(name: str) -> None:
    """Hold `name`'s lock until the surrounding transaction ends.

    A row lock on PostgreSQL; on SQLite the database's single write lock does it anyway.
    """
    PeriodicRun.objects.get_or_create(name=name)
    PeriodicRun.objects.select_for_update().get(name=name)


def key_lock(key: str) -> None:
    """Hold a lock on `key` (any string: one of many, made by no row) until the surrounding
    transaction ends, so two requests about the same thing run one after the other.

    An advisory lock on PostgreSQL; on SQLite the write lock taken at BEGIN (ayni/settings.py's
    IMMEDIATE transactions) does it anyway.
    """
    if connection.vendor != "postgresql":
        return
    number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])
