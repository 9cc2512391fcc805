"""Multipart (text + HTML) email rendered in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import translation


def render_mail(template: str, context: dict[str, object], language: str) -> tuple[str, str, str]:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` in `language`."""
    with translation.override(language):
        context = {**context, "SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": language}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split()), text, html


def send_mail_message(
    *,
    to: str,
    template: str,
    context: dict[str, object],
    language: str,
    headers: dict[str, str] | None = None,
    connection: BaseEmailBackend | None = None,
) -> None:
    """Render and send one message (over `connection`, if given: one SMTP session for many)."""
    subject, text, html = render_mail(template, context, language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)
