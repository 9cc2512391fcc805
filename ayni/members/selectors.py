"""Reads other apps make of a reader's standing (the door between apps: selectors)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class ReaderStanding:
    """Who is reading, as far as access to gated articles goes.

    member_id: the signed-in member, else None.
    subscriber: this browser belongs to a confirmed news subscriber (or a member).
    full_access: a tier that reads members-only articles (paying, solidarity, gifted).
    """

    member_id: int | None = None
    subscriber: bool = False
    full_access: bool = False


ANONYMOUS = ReaderStanding()


def reader_standing(request: HttpRequest) -> ReaderStanding:
    """The standing of the reader behind `request` (anonymous until the members app signs
    readers in)."""
    return ANONYMOUS
