"""What the members' tests share: addresses out of emails, tiers and members made through the
services, the webhook's signature."""

from __future__ import annotations

import json
import re
import time
from datetime import datetime

from django.test import Client
from django.urls import reverse
from django.utils import translation

from ayni.members.enums import MemberSource, TierKind
from ayni.members.models import Member, Tier
from ayni.members.services.membership import grant_membership, save_tier
from ayni.members.services.payments import sign
from ayni.supporters.services import upsert_supporter
from tests.fixtures import text_body

SECRET = "test-webhook-secret-0123456789"  # noqa: S105 (the tests' own webhook secret)
WEBHOOK = "/members/webhook/payments/"


def url_in(language: str, name: str, **kwargs: object) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def path_of(message, pattern: str) -> str:
    """The path of the first link in the email's text whose address contains `pattern`."""
    url = re.search(rf"https?://\S+{pattern}\S*", text_body(message), re.MULTILINE).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def tier(kind: str = TierKind.PAID, *, slug: str = "", full_access: bool | None = None) -> Tier:
    return save_tier(
        slug=slug or kind,
        name_en=f"{kind.title()} tier",
        name_es=f"Nivel {kind}",
        kind=kind,
        full_access=kind != TierKind.FREE if full_access is None else full_access,
    )


def member(
    email: str = "rosa@example.org",
    *,
    kind: str = TierKind.PAID,
    valid_until: datetime | None = None,
    source: str = MemberSource.ORGANISER,
) -> Member:
    found = Tier.objects.filter(kind=kind).first() or tier(kind)
    return grant_membership(
        supporter=upsert_supporter(email=email),
        tier=found,
        valid_until=valid_until,
        source=source,
    )


def signed_in_client(of: Member) -> Client:
    """A browser signed in as `of`, through the sign-in service (as the link's button does)."""
    from django.contrib.sessions.backends.db import SessionStore

    from ayni.members.services.readers import remember_browser

    client = Client()
    session = SessionStore()
    session["members.member"] = of.pk
    session.create()
    remember_browser(session, member=of)
    client.cookies["sessionid"] = session.session_key
    return client


def post_event(
    client: Client,
    payload: dict | bytes,
    *,
    secret: str = SECRET,
    at: int | None = None,
    header: str | None = None,
):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    if header is None:
        header = sign(body, secret=secret, timestamp=at if at is not None else int(time.time()))
    return client.post(
        WEBHOOK, data=body, content_type="application/json", HTTP_AYNI_SIGNATURE=header
    )


def links_read_later(monkeypatch, seconds: float) -> None:
    """Signed links are read `seconds` from now (the clock signing reads, nothing else)."""
    import types

    from django.core import signing

    real = time.time
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: real() + seconds))
