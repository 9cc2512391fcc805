"""Statements' answers when a supporter asks for their data or its erasure (connected in apps.py).

ayni.supporters sends the signals and knows nothing of statements; each app that holds data about
a supporter answers here, so an export is complete and an erasure leaves nothing behind.
"""

from __future__ import annotations

from typing import Any

from ayni.statements import selectors, services
from ayni.supporters.models import Supporter
from ayni.supporters.signals import supporter_erasing, supporter_exporting


def on_supporter_exporting(
    sender: object, *, supporter: Supporter, **kwargs: Any
) -> dict[str, Any]:
    signatures = selectors.supporter_signatures(supporter.pk)
    return {"signatures": [services.signature_export(signature) for signature in signatures]}


def on_supporter_erasing(sender: object, *, supporter: Supporter, **kwargs: Any) -> None:
    services.anonymise_supporter_signatures(supporter=supporter)


def connect() -> None:
    supporter_exporting.connect(on_supporter_exporting, dispatch_uid="statements.export")
    supporter_erasing.connect(on_supporter_erasing, dispatch_uid="statements.erase")
