"""Helpers several of statements' test modules share, kept here once rather than copied into
each module: form data and senders of the sign form, the emailed links, and the UK petitions
scenarios' background (docs/petitions-scenarios.md)."""

from __future__ import annotations

import re
import urllib.parse
from datetime import timedelta
from html import unescape

from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ayni.statements import services
from ayni.statements.enums import EmailDue, SignatureStatus
from ayni.statements.models import Signature, StatementTally, Submission
from tests.fixtures import text_body

# --- Sendings made through the sign service, as the worker will find them --------------------

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


# --- The sign form sent over HTTP, as browsers send it ------------------------------------------

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


# --- Bad input: a form that is valid but for the one field a test spoils ---------------------

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


# --- The UK Parliament petitions service's scenarios (alphagov/e-petitions), translated --------
#
# A petition is a statement; postcode and constituency become the country; "validated" is
# confirmed; "fraudulent" is held (a blocked address or the rate limit) and "invalidated" is the
# back office's bulk invalidation. Where ayni differs on purpose (one signature per mailbox,
# whatever the name; no review step before the email is sent; blocked and rate-limited signers
# get no email at all) the test's docstring says so. Every journey goes through the HTTP views:
# the sign form, the real SMTP server (`mailbox`) after the worker ran (`run_tasks`), the
# emailed link's page, the button, the count after the roll-up. The `petition` fixture
# (conftest.py) is the scenarios' Background. docs/petitions-scenarios.md maps every scenario
# to its test.

SUZIE = {
    "kind": "individual",
    "name": "Womboid Wibbledon",
    "email": "womboid@wimbledon.com",
    "country": "GB",
    "show_publicly": "on",
}

CONFIRM_SUBJECT = "Please confirm your signature: Do something!"
CREATOR = "creator@example.org"


def sign_petition(client, statement, **overrides):
    """Send the sign form (ayni's form is the petition's whole "new signature" journey)."""
    return client.post(
        reverse("statements:sign", kwargs={"slug": statement.slug}), {**SUZIE, **overrides}
    )


def sent():
    """Submissions of the sign form (the background's creator signature aside)."""
    return Submission.objects.exclude(email=CREATOR)


def visible(response) -> str:
    """What a reader sees: the page without its tags, whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def recorded(response) -> str:
    """The "what will be recorded" list on a confirmation link's page, as a reader sees it."""
    html = response.content.decode()
    block = re.search(r'<dl class="record" id="what-will-be-recorded">.*?</dl>', html, re.S)
    assert block, html
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", block.group(0))).split())


def told_to_check_inbox(client, response, statement) -> None:
    """The answer every signer gets, whatever the address did before."""
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("statements:check_inbox", kwargs={"slug": statement.slug}) + "#main"
    )
    page = visible(client.get(response["Location"]))
    assert "Check your inbox" in page
    assert "We have sent an email about “Do something!” to the address you gave." in page


def emails_to(mailbox, address: str) -> list:
    """Messages to one mailbox (addresses compared without regard to case)."""
    return [m for m in mailbox.messages if address.casefold() in m["To"].casefold()]


def link_path(message, kind: str = "confirm") -> str:
    match = re.search(rf"http://\S+/{kind}/\S+/", text_body(message))
    assert match, text_body(message)
    return match.group(0).split("127.0.0.1:8000", 1)[1]


def count(statement) -> int:
    """The published count, after the roll-up the worker runs every few seconds."""
    services.roll_up_counts()
    return StatementTally.objects.get(statement=statement).total


def signature_for(address: str) -> Signature:
    from ayni.supporters.normalise import normalise_email

    return Signature.objects.get(email_normalised=normalise_email(address))


def statement_page(client, statement) -> str:
    return visible(client.get(statement.get_absolute_url()))


def confirm_with(client, message):
    """Open the emailed link (a page with what will be recorded) and press its button."""
    path = link_path(message)
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm your signature" in visible(page)
    return page, client.post(path)


def thanked(client, response, statement) -> str:
    assert response.status_code == 302
    assert response["Location"] == reverse("statements:thanks", kwargs={"slug": statement.slug})
    services.roll_up_counts()
    return visible(client.get(response["Location"]))


def invalidate_url(statement) -> str:
    return reverse("admin:statements_statement_invalidate", args=[statement.pk])


def held_silently(client, mailbox, run_tasks, petition, reason):
    told_to_check_inbox(client, sign_petition(client, petition), petition)
    run_tasks()
    assert not emails_to(mailbox, "womboid@wimbledon.com")
    signature = signature_for("womboid@wimbledon.com")
    assert (signature.status, signature.hold_reason) == (SignatureStatus.SUSPECT, reason)
    assert count(petition) == 1
    assert "1 signature" in statement_page(client, petition)
