"""The supporters' background work: periodic jobs that call a service and are safe to run twice."""

from __future__ import annotations

from ayni.supporters import retention


def periodic_erase_unconfirmed() -> None:
    retention.erase_unconfirmed()
