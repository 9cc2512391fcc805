"""Validators for text that people type into public forms."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

URL_PATTERN = re.compile(
    r"(https?:|ftp:|www\.|://|\b[a-z0-9-]+\.(com|org|net|info|biz|ru|cn|xyz|top|io|co|ly|me|site|online|click|link)\b)",
    re.IGNORECASE,
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# C0 and C1 controls (tab and line breaks excepted), and the bidirectional overrides and
# isolates that make text display differently from what it is ("Trojan Source").
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# The bidirectional controls above are Unicode format characters too, but they are refused with
# a message rather than dropped: text that uses them says something different from what it shows.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def strip_invisible(value: str) -> str:
    """Drop the invisible format characters (Unicode category Cf: zero-width spaces and joiners,
    direction marks, word joiners, invisible operators, byte-order marks, soft hyphens, tags)
    that make two names look the same or an empty one look filled in."""
    return "".join(
        char for char in value if char in BIDI_CONTROLS or unicodedata.category(char) != "Cf"
    )


def validate_plain_text(value: str) -> None:
    """No characters that could not be read, no control characters, no markup."""
    if "\ufffd" in value:
        raise ValidationError(
            _("This contains characters we could not read. Please type it again."), code="encoding"
        )
    if CONTROL_CHARS.search(value):
        raise ValidationError(
            _("This contains invisible control characters. Please remove them."), code="control"
        )
    if "<" in value or ">" in value:
        raise ValidationError(_("Please do not use the characters < or >."), code="markup")


def validate_no_formula(value: str) -> None:
    if value.startswith(FORMULA_PREFIXES):
        raise ValidationError(_("Please do not start with =, +, - or @."), code="formula")


def _as_displayed(value: str) -> str:
    """What a reader sees: invisible format characters dropped, full-width forms folded."""
    visible = "".join(char for char in value if unicodedata.category(char) != "Cf")
    return unicodedata.normalize("NFKC", visible)


def validate_no_url(value: str) -> None:
    if URL_PATTERN.search(_as_displayed(value)):
        raise ValidationError(_("Please do not include web addresses."), code="url")


PUBLIC_TEXT_VALIDATORS = [validate_plain_text, validate_no_formula, validate_no_url]
