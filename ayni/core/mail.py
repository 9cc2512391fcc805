"""Multipart (text + HTML) email rendered in the recipient's language."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import SafeMIMEMultipart, SafeMIMEText
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.crypto import salted_hmac

from ayni.core.campaign import current_campaign

# What a Message-ID key may hold: it becomes the left part of the id, a dot-atom (RFC 5322).
MESSAGE_ID_KEY = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*")


class CampaignMessage(EmailMultiAlternatives):
    """Django's multipart email, its MIME boundaries chosen up front.

    Left to choose one, the standard library's generator makes a boundary and compiles a
    regular expression to check that the text does not hold it, for every message: a quarter
    of building one (docs/performance.md § Events, the reminders). 128 random bits after "=_"
    (which quoted-printable text cannot hold) are as safe without the check.
    """

    def message(self) -> SafeMIMEText | SafeMIMEMultipart:
        message = super().message()
        for part in message.walk():
            if part.is_multipart():
                part.set_boundary(f"=_{secrets.token_hex(16)}")
        return message


def render_mail(template: str, context: dict[str, object], language: str) -> tuple[str, str, str]:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` in `language`."""
    with translation.override(language):
        context = {
            **context,
            "SITE_URL": settings.SITE_URL,
            "LANGUAGE_CODE": language,
            "campaign": current_campaign(),
        }
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split()), text, html


def sender_address() -> str:
    """Who our emails come from: the campaign's sender name and address where set, else the
    server's DEFAULT_FROM_EMAIL (whose domain the mail server is set up to send for)."""
    campaign = current_campaign()
    default_name, default_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    name = campaign.sender_name or campaign.name or default_name
    return formataddr((name, campaign.sender_email or default_address))


def message_id_domain() -> str:
    """The right part of our Message-IDs: the sender's domain, else the site's host."""
    _local, at, domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")
    domain = domain if at else ""
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = ""
    return domain or urlsplit(settings.SITE_URL).hostname or "localhost"


def message_id(key: str) -> str:
    """The Message-ID of the message `key` names: the same every time it is built.

    A message sent again after a crash (the mail server accepted it, but the sender died
    before recording that) is then the same message to mail systems, which may drop the copy.
    The key names the message, not the person (`signature-12-1`); the keyed hash makes the id
    this site's own and unguessable.
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
) -> None:
    """Render and send one message (over `connection`, if given: one SMTP session for many),
    with `attachments` as (filename, content, MIME type).

    With `message_id_key`, the message's Message-ID is built from it (see `message_id`), so
    sending the same message again gives the same Message-ID; without, a new one each time.
    """
    subject, text, html = render_mail(template, context, language)
    headers = dict(headers or {})
    if message_id_key is not None:
        headers["Message-ID"] = message_id(message_id_key)
    message = CampaignMessage(
        subject=subject,
        body=text,
        from_email=sender_address(),
        to=[to],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send(fail_silently=False)
