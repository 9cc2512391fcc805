"""Events' answers when a supporter asks for their data or its erasure, and what an event's
deletion tells other apps (connected in apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete

from ayni.events import selectors
from ayni.events.models import Event
from ayni.events.services import registering
from ayni.events.services.signals import send_report_back_changed
from ayni.supporters.models import Supporter
from ayni.supporters.signals import supporter_erasing, supporter_exporting


def on_supporter_exporting(
    sender: object, *, supporter: Supporter, **kwargs: Any
) -> dict[str, Any]:
    registrations = selectors.supporter_registrations(supporter.pk)
    return {
        "event_registrations": [
            registering.registration_export(registration) for registration in registrations
        ]
    }


def on_supporter_erasing(sender: object, *, supporter: Supporter, **kwargs: Any) -> None:
    registering.delete_registrations(selectors.supporter_registrations(supporter.pk))


def on_event_deleted(sender: object, *, instance: Event, **kwargs: Any) -> None:
    # A deleted event's report-back is no longer shown anywhere (the newsroom's articles).
    if instance.report_back_published_at is not None:
        send_report_back_changed(instance.pk)


def connect() -> None:
    post_delete.connect(on_event_deleted, sender=Event, dispatch_uid="events.report_back_gone")
    supporter_exporting.connect(on_supporter_exporting, dispatch_uid="events.export")
    supporter_erasing.connect(on_supporter_erasing, dispatch_uid="events.erase")
