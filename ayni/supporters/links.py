"""Signed links in the emails of supporter actions: nobody can act on someone else's row.

A token names one row id and carries the time it was made; the salt says what the link is for
(confirm, withdraw…), so a link made for one purpose never opens another, and each purpose has
its own lifetime, read from a setting when the link is used (so a changed setting applies to
links already sent). An app declares one `SignedLink` per purpose in its `tokens.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core import signing


class Link(NamedTuple):
    """What a token says: the row it names, or None (forged, mangled, for another purpose,
    or expired: then `expired` is True)."""

    row_id: int | None
    expired: bool = False

    @property
    def usable(self) -> bool:
        return self.row_id is not None


def make_token(row_id: int, salt: str) -> str:
    return signing.dumps(row_id, salt=salt, compress=False)


def read_token(token: str, salt: str, max_age_seconds: int) -> Link:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age_seconds)
    except signing.SignatureExpired:
        return Link(None, expired=True)
    except signing.BadSignature:
        return Link(None)
    # Only a plain integer names a row: a bool is an int to Python, not to us.
    return Link(value if isinstance(value, int) and not isinstance(value, bool) else None)


@dataclass(frozen=True)
class SignedLink:
    """One purpose of link: its salt, and the setting that holds its lifetime in days (or,
    for a short-lived link such as a sign-in link, in minutes: `minutes_setting`)."""

    salt: str
    days_setting: str = ""
    minutes_setting: str = ""

    def __post_init__(self) -> None:
        if bool(self.days_setting) == bool(self.minutes_setting):
            raise ValueError("a SignedLink has either `days_setting` or `minutes_setting`")

    @property
    def max_age_seconds(self) -> int:
        if self.minutes_setting:
            return int(getattr(settings, self.minutes_setting)) * 60
        return int(getattr(settings, self.days_setting)) * 86400

    def make(self, row_id: int) -> str:
        return make_token(row_id, self.salt)

    def read(self, token: str) -> Link:
        return read_token(token, self.salt, self.max_age_seconds)
