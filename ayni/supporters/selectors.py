from __future__ import annotations

from ayni.supporters.models import Supporter
from ayni.supporters.normalise import normalise_email


def supporter_by_email(email: str) -> Supporter | None:
    return Supporter.objects.filter(email_normalised=normalise_email(email)).first()
