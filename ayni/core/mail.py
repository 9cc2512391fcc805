"""Multipart (text + HTML) email rendered in the recipient's language."""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Collection, Mapping, Sequence
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import SafeMIMEMultipart, SafeMIMEText
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.crypto import salted_hmac

from ayni.core import mail_bytes, mail_shapes
from ayni.core.campaign import current_campaign
from ayni.core.models import Campaign

# What a Message-ID key may hold: it becomes the left part of the id, a dot-atom (RFC 5322).
MESSAGE_ID_KEY = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*")


class CampaignMessage(EmailMultiAlternatives):
    """Django's multipart email, its MIME boundaries chosen up front, written out directly in
    the common case (a text and an HTML body: `ayni.core.mail_bytes`).

    Left to choose one, the standard library's generator makes a boundary and compiles a
    regular expression to check that the text does not hold it, for every message: a quarter
    of building one (docs/performance.md § Events, the reminders). 128 random bits after "=_"
    (which quoted-printable text cannot hold) are as safe without the check.
    """

    def message(self) -> SafeMIMEText | SafeMIMEMultipart:
        boundary = _boundary()
        flat = mail_bytes.flat_message(self, boundary=boundary, build=self._django_message)
        return flat if flat is not None else self._django_message(boundary, {})  # type: ignore[return-value]

    def _django_message(
        self, boundary: str, fixed: dict[str, str]
    ) -> SafeMIMEText | SafeMIMEMultipart:
        """Django's message, the outer boundary `boundary`, with the `fixed` headers' values."""
        message = super().message()
        for part in message.walk():
            if part.is_multipart():
                part.set_boundary(boundary if part is message else _boundary())
        for name, value in fixed.items():
            message.replace_header(name, value)
        return message


def _boundary() -> str:
    return f"=_{secrets.token_hex(16)}"


def render_mail(
    template: str,
    context: dict[str, object],
    language: str,
    *,
    personal: Collection[str] = (),
    campaign: Campaign | None = None,
) -> tuple[str, str, str]:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` in `language`
    (with `campaign`, by default the current one).

    `personal` names the context's values that differ from one recipient to the next (their
    name, their own links): given them, the templates are rendered once per shape and those
    values filled in (ayni.core.mail_shapes), for the emails that go to many at once."""
    context = {
        **context,
        "SITE_URL": settings.SITE_URL,
        "LANGUAGE_CODE": language,
        "campaign": campaign or current_campaign(),
    }
    if personal:
        subject, text, html = mail_shapes.render(
            template, context, language, personal=personal, plain=_render_templates
        )
    else:
        subject, text, html = _render_templates(template, context, language)
    return " ".join(subject.split()), text, html


def _render_templates(
    template: str, context: Mapping[str, object], language: str
) -> tuple[str, str, str]:
    with translation.override(language):
        return (
            render_to_string(f"{template}_subject.txt", context),
            render_to_string(f"{template}.txt", context),
            render_to_string(f"{template}.html", context),
        )


def sender_address(campaign: Campaign | None = None) -> str:
    """Who our emails come from: the campaign's sender name and address where set, else the
    server's DEFAULT_FROM_EMAIL (whose domain the mail server is set up to send for)."""
    campaign = campaign or current_campaign()
    return _sender_address(
        campaign.sender_name or campaign.name, campaign.sender_email, settings.DEFAULT_FROM_EMAIL
    )


# Worked out once per value (each email of a run asks the same): parsing an address is slow.
@functools.lru_cache(maxsize=64)
def _sender_address(name: str, address: str, default_from: str) -> str:
    default_name, default_address = parseaddr(default_from)
    return formataddr((name or default_name, address or default_address))


def message_id_domain() -> str:
    """The right part of our Message-IDs: the sender's domain, else the site's host."""
    return _message_id_domain(settings.DEFAULT_FROM_EMAIL, settings.SITE_URL)


@functools.lru_cache(maxsize=16)
def _message_id_domain(default_from: str, site_url: str) -> str:
    _local, at, domain = parseaddr(default_from)[1].rpartition("@")
    domain = domain if at else ""
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = ""
    return domain or urlsplit(site_url).hostname or "localhost"


def message_id(key: str) -> str:
    """The Message-ID of the message `key` names: the same every time it is built.

    A message sent again after a crash (the mail server accepted it, but the sender died
    before recording that) is then the same message to mail systems, which may drop the copy.
    The key names the message, not the person (`signature-submission-12`); the keyed hash
    makes the id this site's own and unguessable.
    """
    if not MESSAGE_ID_KEY.fullmatch(key):
        raise ValueError(f"Message-ID key {key!r} must be letters, digits, '-', '_' and dots")
    digest = salted_hmac("ayni.core.mail.message_id", key, algorithm="sha256").hexdigest()[:20]
    return f"<{key}.{digest}@{message_id_domain()}>"


def send_mail_message(
    *,
    to: str,
    template: str,
    context: dict[str, object],
    language: str,
    headers: dict[str, str] | None = None,
    connection: BaseEmailBackend | None = None,
    message_id_key: str | None = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    personal: Collection[str] = (),
) -> None:
    """Render and send one message (over `connection`, if given: one SMTP session for many),
    with `attachments` as (filename, content, MIME type). `personal`: see `render_mail`.

    With `message_id_key`, the message's Message-ID is built from it (see `message_id`), so
    sending the same message again gives the same Message-ID; without, a new one each time.
    """
    campaign = current_campaign()
    subject, text, html = render_mail(
        template, context, language, personal=personal, campaign=campaign
    )
    headers = dict(headers or {})
    if message_id_key is not None:
        headers["Message-ID"] = message_id(message_id_key)
    message = CampaignMessage(
        subject=subject,
        body=text,
        from_email=sender_address(campaign),
        to=[to],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send(fail_silently=False)
