"""Serialising a job across workers that share one database."""

from __future__ import annotations

from ayni.core.models import PeriodicRun


def job_lock(name: str) -> None:
    """Hold `name`'s lock until the surrounding transaction ends.

    A row lock on PostgreSQL; on SQLite the database's single write lock does it anyway.
    """
    PeriodicRun.objects.get_or_create(name=name)
    PeriodicRun.objects.select_for_update().get(name=name)
