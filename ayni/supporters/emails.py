"""The emails of a supporter action: multipart, in the supporter's language, from the campaign.

Every such email carries the links that let the supporter withdraw, see their data and have
it erased (`withdraw_url`, `data_url`, `erase_url`): the shared templates
`supporters/email/base.html` and `supporters/email/_footer.txt` print them, so an action's
templates extend the one and include the other. The From address, the campaign's name and
colours come from ayni.core.mail.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, reverse
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
    link opens speaks the email's language whatever the browser says.

    An email carries up to eight such links, and a reminder run sends thousands of emails
    whose links differ only in their tokens: each page's address is reversed once per
    language (`_url_shape`) and the values put in its place, where they are plain enough that
    `reverse` would put them in unchanged (letters, digits, "-", "_", ":", as slugs, ids and
    signed tokens are); anything else goes through `reverse` itself."""
    language = link_language(language)
    if all(_PLAIN_VALUE.fullmatch(str(value)) for value in kwargs.values()):
        shape = _url_shape(viewname, language, tuple(sorted(kwargs)), get_script_prefix())
        if shape is not None:
            pieces, order = shape
            filled = [pieces[0]]
            for name, piece in zip(order, pieces[1:], strict=True):
                filled += [str(kwargs[name]), piece]
            return settings.SITE_URL + "".join(filled)
    with translation.override(language):
        return settings.SITE_URL + reverse(viewname, kwargs=kwargs)


# Values a URL converter takes as they are and `reverse` leaves unquoted.
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9_:-]+")
# Stands for a value while a page's address is reversed: plain, and accepted by the str, slug
# and path converters (an address with an int converter has no shape: `reverse` serves it).
_SLOT = "aynislot{}slot"


@functools.lru_cache(maxsize=512)
def _url_shape(
    viewname: str, language: str, names: tuple[str, ...], script_prefix: str
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The address of `viewname` in `language` (under `script_prefix`, which `reverse` reads)
    cut around its values: the literal pieces and the names of the values between them, in
    order; None if it cannot be cut so."""
    slots = {name: _SLOT.format(index) for index, name in enumerate(names)}
    try:
        with translation.override(language):
            path = reverse(viewname, kwargs=slots)
    except NoReverseMatch:
        return None
    found = sorted((path.find(slot), name) for name, slot in slots.items())
    if any(at < 0 or path.count(slots[name]) != 1 for at, name in found):
        return None
    pieces, start = [], 0
    for at, name in found:
        pieces.append(path[start:at])
        start = at + len(slots[name])
    pieces.append(path[start:])
    return tuple(pieces), tuple(name for _at, name in found)


@receiver(setting_changed)
def _forget_url_shapes(*, setting: str, **kwargs: object) -> None:
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _url_shape.cache_clear()


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
    personal: Sequence[str] = (),
) -> None:
    """Send one email about a supporter's action, in their language.

    `links` holds at least `withdraw_url`, `data_url` and `erase_url` (the footer prints
    them) and whatever else the template shows (`confirm_url`). `message_id_key` names the
    message, so a resend after a crash carries the same Message-ID. `personal` names the
    context's values that are the supporter's own (their registration): given them, the
    templates are rendered once per shape, the links and those values filled in
    (ayni.core.mail_shapes).
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
        personal=(*personal, *links) if personal else (),
    )
