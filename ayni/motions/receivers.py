"""Motions' answers when a supporter asks for their data or its erasure (connected in apps.py).

Erasing follows the rule of ayni.motions.services.reporting: reports not yet verified go
whole; verified ones stay as public facts without their reporter's data.
"""

from __future__ import annotations

from typing import Any

from ayni.motions import selectors
from ayni.motions.services import reporting
from ayni.supporters.models import Supporter
from ayni.supporters.signals import supporter_erasing, supporter_exporting


def on_supporter_exporting(
    sender: object, *, supporter: Supporter, **kwargs: Any
) -> dict[str, Any]:
    return {
        "motion_adoption_reports": [
            reporting.report_export(adoption)
            for adoption in selectors.supporter_adoptions(supporter.pk)
        ]
    }


def on_supporter_erasing(sender: object, *, supporter: Supporter, **kwargs: Any) -> None:
    reporting.erase_reports(selectors.supporter_adoptions(supporter.pk))


def connect() -> None:
    supporter_exporting.connect(on_supporter_exporting, dispatch_uid="motions.export")
    supporter_erasing.connect(on_supporter_erasing, dispatch_uid="motions.erase")
