"""The emails of a supporter action: multipart, in the supporter's language, from the campaign.

Every such email carries the links that let the supporter withdraw, see their data and have
it erased (`withdraw_url`, `data_url`, `erase_url`): the shared templates
`supporters/email/base.html` and `supporters/email/_footer.txt` print them, so an action's
templates extend the one and include the other. The From address, the campaign's name and
colours come from ayni.core.mail.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import translation

from ayni.core.mail import send_mail_message


def link_language(language: str) -> str:
    """The language an email and its links are in: the supporter's, if the site still has it."""
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:  # a language since removed from LANGUAGES: its prefix would be a 404
        return settings.LANGUAGE_CODE


def absolute_url(viewname: str, *, language: str, **kwargs: object) -> str:
    """The full address of a page in `language` (/es/… for a Spanish supporter), so the page a
    link opens speaks the email's language whatever the browser says."""
    with translation.override(link_language(language)):
        return settings.SITE_URL + reverse(viewname, kwargs=kwargs)


def send_action_email(
    *,
    to: str,
    template: str,
    context: dict[str, object],
    language: str,
    links: dict[str, str],
    message_id_key: str,
    connection: BaseEmailBackend | None = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> None:
    """Send one email about a supporter's action, in their language.

    `links` holds at least `withdraw_url`, `data_url` and `erase_url` (the footer prints
    them) and whatever else the template shows (`confirm_url`). `message_id_key` names the
    message, so a resend after a crash carries the same Message-ID.
    """
    missing = {"withdraw_url", "data_url", "erase_url"} - set(links)
    if missing:
        raise ValueError(f"an action's email needs {sorted(missing)}")
    send_mail_message(
        to=to,
        template=template,
        context={**context, **links},
        language=link_language(language),
        headers={"Auto-Submitted": "auto-generated"},
        connection=connection,
        message_id_key=message_id_key,
        attachments=attachments,
    )
