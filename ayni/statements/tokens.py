"""Signed links in signature emails: nobody can confirm or withdraw someone else's signature."""

from __future__ import annotations

from django.core import signing

CONFIRM_SALT = "ayni.statements.confirm"
WITHDRAW_SALT = "ayni.statements.withdraw"


def make_token(signature_id: int, salt: str) -> str:
    return signing.dumps(signature_id, salt=salt, compress=False)


def read_token(token: str, salt: str) -> int | None:
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
