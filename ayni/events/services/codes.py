"""Check-in codes: short, easy to read out at the door, unique within an event."""

from __future__ import annotations

import secrets

from ayni.events.models import Registration

# No 0/O, 1/I/L: a code read aloud or from a phone screen is not misheard.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 6


def new_check_in_code(event_id: int) -> str:
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if not Registration.objects.filter(event_id=event_id, check_in_code=code).exists():
            return code


def normalise_code(code: str) -> str:
    """What a steward types: any case, spaces and dashes ignored, O read as 0 is not a risk."""
    return "".join(ch for ch in code.upper() if ch.isalnum())
