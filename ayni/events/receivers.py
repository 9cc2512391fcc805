"""Events' answers when a supporter asks for their data or its erasure (connected in apps.py)."""

from __future__ import annotations

from typing import Any

from ayni.events import selectors
from ayni.events.services import registering
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


def connect() -> None:
    supporter_exporting.connect(on_supporter_exporting, dispatch_uid="events.export")
    supporter_erasing.connect(on_supporter_erasing, dispatch_uid="events.erase")
