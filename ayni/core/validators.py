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


def as_displayed(value: str) -> str:
    """What a reader sees: invisible format characters dropped, full-width and other
    compatibility forms (mathematical letters, ligatures) folded (NFKC)."""
    visible = "".join(char for char in value if unicodedata.category(char) != "Cf")
    return unicodedata.normalize("NFKC", visible)


def validate_no_url(value: str) -> None:
    if URL_PATTERN.search(as_displayed(value)):
        raise ValidationError(_("Please do not include web addresses."), code="url")


PUBLIC_TEXT_VALIDATORS = [validate_plain_text, validate_no_formula, validate_no_url]


# The campaign's colour carries white text (buttons) and, darkened, links on the page.
DEFAULT_ACCENT = "#b3261e"
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
AA_NORMAL_TEXT = 4.5


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of "#rrggbb"."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_accent_colour(value: str) -> None:
    if not HEX_COLOUR.fullmatch(value or ""):
        raise ValidationError(
            _("Enter a colour as # followed by six hexadecimal digits, such as #b3261e."),
            code="format",
        )
    ratio = contrast_ratio(value, "#ffffff")
    if ratio < AA_NORMAL_TEXT:
        raise ValidationError(
            _(
                "White text on this colour has a contrast of %(ratio).1f:1; it needs at least "
                "4.5:1 to be readable (WCAG AA). Choose a darker colour."
            ),
            code="contrast",
            params={"ratio": ratio},
        )


RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
SCRIPT_LINK = re.compile(r"\]\(\s*<?\s*(javascript|data|vbscript):", re.IGNORECASE)


def validate_markdown(value: str) -> None:
    """Organiser Markdown is rendered without HTML; say so rather than drop it silently."""
    if RAW_HTML.search(value or ""):
        raise ValidationError(
            _(
                "HTML tags are not allowed here. Use Markdown: **bold**, *italic*, [link](https://…)."
            ),
            code="html",
        )
    if SCRIPT_LINK.search(value or ""):
        raise ValidationError(
            _("Links must start with https://, http:// or mailto:."), code="link_scheme"
        )


def validate_single_line(value: str) -> None:
    """For text that goes into an email header (the sender's name): one line."""
    if "\n" in value or "\r" in value:
        raise ValidationError(_("Please keep this on one line."), code="line_break")
