"""Signed links in signature emails: nobody can confirm or withdraw someone else's signature.

A token names one Submission (the sending of the form the email answers): confirmation links
expire after SIGNATURE_CONFIRM_DAYS, the withdraw, data and erase links after
SIGNATURE_LINK_DAYS. The machinery is the supporters' (ayni.supporters.links).
"""

from __future__ import annotations

from ayni.supporters.links import Link, SignedLink
from ayni.supporters.links import make_token as _make_token

CONFIRM = SignedLink(salt="ayni.statements.confirm", days_setting="SIGNATURE_CONFIRM_DAYS")
WITHDRAW = SignedLink(salt="ayni.statements.withdraw", days_setting="SIGNATURE_LINK_DAYS")
CONFIRM_SALT = CONFIRM.salt
WITHDRAW_SALT = WITHDRAW.salt
_BY_SALT = {CONFIRM.salt: CONFIRM, WITHDRAW.salt: WITHDRAW}

__all__ = ["CONFIRM", "CONFIRM_SALT", "WITHDRAW", "WITHDRAW_SALT", "Link", "make_token"]


def make_token(submission_id: int, salt: str) -> str:
    return _make_token(submission_id, salt)


def read_token(token: str, salt: str) -> Link:
    return _BY_SALT[salt].read(token)
