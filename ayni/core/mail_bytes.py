"""A text-and-HTML email written out directly: the bytes Django's message would give.

Measured (`bench/profile_reminders.py`; docs/performance.md § Events, the reminders): once a
reminder's templates were rendered once per shape (`mail_shapes`), building its MIME message
with Django and the standard library (`EmailMultiAlternatives.message()`, then `as_bytes`,
whose generator folds every header through `email.header.Header`) was the largest cost left,
0.6 ms of CPU an email of about 2.4. Most of its headers are the same from one email to the
next (the subject and sender of a shape) or short plain ASCII (the address, the date, the
Message-ID), and its two bodies need only their line ends and, for a line over 998 bytes,
quoted-printable: so they are written here as the generator writes them, the folding of a
header that needs it asked of the standard library once per value and remembered.

Only the common case is written here: one text body and one HTML alternative, no attachments,
no Cc or Reply-To, in UTF-8; anything else is Django's message as before. For anything but
writing it out (`as_bytes`), the object stands in for Django's message and builds it on first
use, with the same boundary, date and Message-ID. Compared byte for byte with Django's message
for the same email (ayni/core/tests/test_mail_bytes.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from email import policy as email_policy
from email import quoprimime
from email.message import Message
from email.utils import formatdate, make_msgid
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import RFC5322_EMAIL_LINE_LENGTH_LIMIT, forbid_multi_line_headers
from django.core.mail.utils import DNS_NAME

# Printable ASCII words with single spaces between: a header value that, short enough, the
# generator writes as it is.
_PLAIN = re.compile(r"[\x21-\x7e]+(?: [\x21-\x7e]+)*")
_LINE_END = re.compile(r"\r\n|\r|\n")  # what the generator turns into its line end
# A line of no more characters than this is within RFC 5322's limit in bytes.
_MAYBE_LONG = RFC5322_EMAIL_LINE_LENGTH_LIMIT // 4
_MAX_HEADER_LINE = 78  # compat32's, the policy Django's messages are written with
_BOUNDARY = re.compile(r"=_[0-9a-f]{32}")
_SAMPLE_BOUNDARY = "=_" + "0" * 32


class FlatMessage:
    """An email's headers and text parts, written out as `as_bytes` is asked; for anything
    else, Django's message for it (`build(date, message_id)`), made on first use."""

    def __init__(
        self,
        headers: list[tuple[str, str]],
        parts: list[tuple[str, str]],
        boundary: str,
        build: Callable[[], Message],
    ) -> None:
        self._headers, self._parts, self._boundary = headers, parts, boundary
        self._build = build
        self._message: Message | None = None

    @property
    def django_message(self) -> Message:
        if self._message is None:
            self._message = self._build()
        return self._message

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        if unixfrom:
            return self.django_message.as_bytes(unixfrom=unixfrom, linesep=linesep)  # type: ignore[call-arg]
        nl = linesep
        out = [_multipart_type(self._boundary, nl)]
        out += [_header(name, value, nl) for name, value in self._headers]
        head = "".join(out).encode("ascii")
        delimiter = f"--{self._boundary}".encode("ascii")
        nl_bytes = nl.encode("ascii")
        body = [head, nl_bytes]
        for index, (subtype, text) in enumerate(self._parts):
            body += [nl_bytes if index else b"", delimiter, nl_bytes, _text_part(subtype, text, nl)]
        body += [nl_bytes, delimiter, b"--", nl_bytes]
        return b"".join(body)

    def __bytes__(self) -> bytes:
        return self.as_bytes()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.django_message, name)

    def __getitem__(self, name: str) -> Any:
        return self.django_message[name]

    def __contains__(self, name: str) -> bool:
        return name in self.django_message

    def __iter__(self) -> Iterator[str]:
        return iter(self.django_message)

    def __len__(self) -> int:
        return len(self.django_message)

    def __str__(self) -> str:
        return str(self.django_message)


def flat_message(
    message: EmailMultiAlternatives,
    *,
    boundary: str,
    build: Callable[[str, dict[str, str]], Message],
) -> FlatMessage | None:
    """`message` as a FlatMessage with this top `boundary`, or None if it is not the common
    case. `build(boundary, fixed)` is Django's message with that boundary and the `fixed`
    headers' values (the date and Message-ID chosen here)."""
    if (
        message.attachments
        or message.cc
        or message.reply_to
        or not message.body
        or len(message.alternatives) != 1
        or message.alternatives[0][1] != "text/html"
        or (message.encoding or settings.DEFAULT_CHARSET).lower() != "utf-8"
        or not _BOUNDARY.fullmatch(boundary)
    ):
        return None
    extra = message.extra_headers
    names = {name.lower() for name in extra}
    headers = [
        ("MIME-Version", "1.0"),
        ("Subject", message.subject),
        ("From", extra.get("From", message.from_email)),
    ]
    if message.to:
        headers.append(("To", extra.get("To", ", ".join(str(v) for v in message.to))))
    fixed = {}
    if "date" not in names:
        fixed["Date"] = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
        headers.append(("Date", fixed["Date"]))
    if "message-id" not in names:
        fixed["Message-ID"] = make_msgid(domain=DNS_NAME)
        headers.append(("Message-ID", fixed["Message-ID"]))
    headers += [
        (name, value)
        for name, value in extra.items()
        if name.lower() not in {"from", "to", "cc", "reply-to"}
    ]
    headers = [(name, str(value)) for name, value in headers]
    if any("\n" in value or "\r" in value for _name, value in headers):
        return None  # Django's message refuses it (BadHeaderError)
    body, html = message.body, message.alternatives[0][0]
    if not (isinstance(body, str) and isinstance(html, str)) or _encodes_badly(body, html):
        return None
    return FlatMessage(
        headers, [("plain", body), ("html", html)], boundary, lambda: build(boundary, fixed)
    )


def _encodes_badly(*texts: str) -> bool:
    try:
        for text in texts:
            text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: Django's way
        return True
    return False


def _header(name: str, value: str, nl: str) -> str:
    """The header as the generator writes it (after Django's checks and encoding)."""
    if len(name) + 2 + len(value) <= _MAX_HEADER_LINE and _PLAIN.fullmatch(value):
        return f"{name}: {value}{nl}"
    return _folded(name, value, nl)


@functools.lru_cache(maxsize=512)
def _folded(name: str, value: str, nl: str) -> str:
    _name, value = forbid_multi_line_headers(name, value, "utf-8")
    policy = email_policy.compat32.clone(linesep=nl)
    return policy.fold_binary(name, value).decode("ascii", "surrogateescape")


def _multipart_type(boundary: str, nl: str) -> str:
    """The top Content-Type header, folded as for any boundary of this length."""
    sample = _header("Content-Type", f'multipart/alternative; boundary="{_SAMPLE_BOUNDARY}"', nl)
    return sample.replace(_SAMPLE_BOUNDARY, boundary)


def _text_part(subtype: str, text: str, nl: str) -> bytes:
    """A text part as Django's SafeMIMEText and the generator make it: quoted-printable if a
    line is longer than RFC 5322 allows, else the text itself (7bit if it is ASCII)."""
    # Django's test (a line of `text.splitlines()` over the limit in bytes), encoding only the
    # lines long enough to be over it at four bytes a character.
    lines = text.splitlines()
    long_lines = max(map(len, lines), default=0) > _MAYBE_LONG and any(
        len(line.encode()) > RFC5322_EMAIL_LINE_LENGTH_LIMIT
        for line in lines
        if len(line) > _MAYBE_LONG
    )
    data = text.encode("utf-8")
    if long_lines:
        encoding = "quoted-printable"
        payload = _LINE_END.sub(nl, quoprimime.body_encode(data.decode("latin1"))).encode("ascii")
    else:
        encoding = "7bit" if data.isascii() else "8bit"
        payload = _LINE_END.sub(nl, text).encode("utf-8")
    head = (
        f'Content-Type: text/{subtype}; charset="utf-8"{nl}MIME-Version: 1.0{nl}'
        f"Content-Transfer-Encoding: {encoding}{nl}{nl}"
    )
    return head.encode("ascii") + payload
