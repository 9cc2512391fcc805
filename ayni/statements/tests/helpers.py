"""Helpers several of statements' test modules share (one copy each, not one per module)."""

from __future__ import annotations

import re
import urllib.parse
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ayni.statements import services
from ayni.statements.enums import EmailDue
from ayni.statements.models import Signature, Submission
from tests.fixtures import text_body

_serial = iter(range(10**6))


def submitted(statement, *, seconds_ago: float, ip_hash: str = "attacker", **extra) -> Submission:
    """One sending of the form, `seconds_ago` in the past, not yet processed by the worker."""
    fields = {
        "name": "Sam Sampler",
        "email": f"sender{next(_serial)}@example.org",
        "country": "GB",
        "language": "en",
        **extra,
    }
    submission = services.sign_statement(statement=statement, ip_hash=ip_hash, **fields)
    submission.created_at = timezone.now() - timedelta(seconds=seconds_ago)
    Submission.objects.filter(pk=submission.pk).update(created_at=submission.created_at)
    return submission


def pending(statement, *, seconds_ago: float = 1, ip_hash: str = "attacker", **extra) -> Submission:
    """A processed submission whose confirmation email is due."""
    submission = submitted(statement, seconds_ago=seconds_ago, ip_hash=ip_hash, **extra)
    services.process_submissions()
    submission.refresh_from_db()
    assert submission.email_due == EmailDue.CONFIRM
    return submission


ANA = {
    "kind": "individual",
    "name": "Ana Sampleton",
    "email": "Ana.Sampleton+bolivia@Gmail.com",
    "country": "BO",
    "organisation": "Northtown NEU",
    "role": "Secretary",
    "comment": "Solidarity",
    "show_publicly": "on",
}


def sign_as_ana(client, statement, **overrides):
    data = {**ANA, **overrides}
    return client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), data)


def confirm_link(message) -> str:
    return re.search(r"http://\S+/confirm/\S+/", text_body(message)).group(0)


SUZIE_SAMPLER = {
    "kind": "individual",
    "name": "Suzie Sampler",
    "email": "suzie.sampler@example.org",
    "country": "BO",
    "comment": "Con Bolivia",
    "show_publicly": "on",
}


def sign_with(client, statement, data):
    return client.post(reverse("statements:sign", kwargs={"slug": statement.slug}), data)


def link(message, kind: str) -> str:
    return re.search(rf"http://\S+?(/[a-z]{{2}}/{kind}/\S+?/)", text_body(message)).group(1)


VALID = {
    "kind": "individual",
    "name": "Ana Sampleton",
    "email": "ana@example.org",
    "country": "BO",
    "organisation": "Northtown NEU",
    "role": "Secretary",
    "comment": "Solidarity",
    "show_publicly": "on",
}


URL = "Please do not include web addresses."


def sign_url(statement) -> str:
    return reverse("statements:sign", kwargs={"slug": statement.slug})


def assert_nothing_stored() -> None:
    assert Submission.objects.count() == 0
    assert Signature.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def post_raw(client, url: str, body: bytes, content_type="application/x-www-form-urlencoded"):
    return client.generic("POST", url, data=body, content_type=content_type)


def encoded(**overrides: str) -> bytes:
    return urllib.parse.urlencode({**VALID, **overrides}).encode()
