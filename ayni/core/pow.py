"""A self-hosted proof-of-work challenge (the ALTCHA protocol, v1), for forms under attack.

The browser must find the number n for which SHA-256(salt + n) equals the challenge; the
server checks the answer with one hash and an HMAC, and refuses an answer twice.
No third party is involved.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from altcha import v1 as altcha
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ayni.core.models import SpentChallenge

CHALLENGE_LIFETIME = timedelta(minutes=20)


def _key() -> bytes:
    return hashlib.sha256(("ayni-altcha:" + settings.SECRET_KEY).encode()).digest()


def new_challenge(scope: str) -> dict[str, object]:
    challenge = altcha.create_challenge(
        altcha.ChallengeOptions(
            algorithm="SHA-256",
            max_number=settings.POW_MAX_NUMBER,
            hmac_key=_key(),
            expires=timezone.now() + CHALLENGE_LIFETIME,
            params={"scope": scope},
        )
    )
    return challenge.to_dict()


def verify_and_spend(payload: str, scope: str) -> bool:
    """True once for a correct, unexpired answer to a challenge issued for `scope`."""
    if not payload or len(payload) > 2000:
        return False
    try:
        ok, _error = altcha.verify_solution(payload, _key(), check_expires=True)
    except (ValueError, TypeError, KeyError, UnicodeError):
        return False
    if not ok:
        return False
    decoded = altcha.extract_params(_decode(payload))  # type: ignore[arg-type]
    if decoded.get("scope", [""])[0] != scope:
        return False
    challenge = _decode(payload)["challenge"]
    try:
        with transaction.atomic():
            SpentChallenge.objects.create(
                challenge=challenge, expires_at=timezone.now() + CHALLENGE_LIFETIME
            )
    except IntegrityError:
        return False
    return True


def _decode(payload: str) -> dict:
    import base64
    import json

    return json.loads(base64.b64decode(payload).decode())


def prune_spent_challenges() -> int:
    deleted, _ = SpentChallenge.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
