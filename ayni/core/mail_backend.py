"""Django's SMTP backend, the envelope's addresses worked out without parsing the usual ones.

Measured (`bench/profile_reminders.py`; docs/performance.md § Events, the reminders): before
each email Django's backend puts its sender and each recipient through `sanitize_address`,
which parses the address with the standard library's RFC 5322 parser: 0.2 ms of CPU an email
of about 1.7, once the message itself was cheap (`mail_bytes`). The sender is the same for a
whole run, so its answer is remembered; a recipient that is a plain ASCII `local@domain` (the
dot-atom every registrant's address is) comes out of `sanitize_address` unchanged, so it is
taken as it is; any other goes through `sanitize_address` as before. Tested against
`sanitize_address` (ayni/core/tests/test_mail_backend.py).

Its SMTP connection also lets a sender record a message as sent at the one moment that makes
a crash repeat nothing (RFC 1047): after the final "." of DATA has gone out and before the
server's reply is read (`record_before_reply`; the outbox uses it). Killed before the ".",
the server drops the incomplete message; killed after the record, the server has the whole
message and delivers it. Mail sent outside `record_before_reply` goes exactly as before.
"""

from __future__ import annotations

import functools
import re
import smtplib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends import smtp
from django.core.mail.message import sanitize_address

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

# local@domain, both dot-atoms of letters, digits and the atext marks; the domain's labels
# letters, digits and "-": what sanitize_address gives back unchanged.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
)


@dataclass
class DataEnd:
    """One message's end of DATA: `record` runs once its final "." is written, before the
    reply is read; `recorded` says it ran, `reply` is the reply's code (None: none read)."""

    record: Callable[[], object]
    recorded: bool = False
    reply: int | None = None

    @property
    def accepted(self) -> bool:
        return self.reply is not None and 200 <= self.reply < 300


_data_end: ContextVar[DataEnd | None] = ContextVar("ayni_mail_data_end", default=None)


@contextmanager
def record_before_reply(record: Callable[[], object]) -> Iterator[DataEnd]:
    """Have the next message sent over this backend's SMTP connection call `record` between
    writing its final "." and reading the server's reply. What happened is in the DataEnd:
    nothing (`recorded` False) if no message went out over SMTP here (another backend)."""
    end = DataEnd(record)
    token = _data_end.set(end)
    try:
        yield end
    finally:
        _data_end.reset(token)


class _SMTP(smtplib.SMTP):
    def data(self, msg: ReadableBuffer | str) -> tuple[int, bytes]:
        """smtplib's DATA (which `sendmail` calls), calling the DataEnd's `record` between
        sending the message and reading the reply; as smtplib's without one."""
        end = _data_end.get()
        if end is None or end.recorded or not isinstance(msg, bytes):  # (Django sends bytes)
            return super().data(msg)
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        body = _LEADING_DOT.sub(b"..", msg)  # what smtplib's _quote_periods does
        self.send(body + (b"" if body.endswith(b"\r\n") else b"\r\n") + b".\r\n")
        try:
            end.record()
        except BaseException:
            self.getreply()  # the session stays in step; the message is not recorded
            raise
        end.recorded = True
        code, reply = self.getreply()
        end.reply = code
        return code, reply


_LEADING_DOT = re.compile(rb"(?m)^\.")


class _SMTP_SSL(_SMTP, smtplib.SMTP_SSL):  # noqa: N801 (smtplib's name)
    pass


class EmailBackend(smtp.EmailBackend):
    """Django's SMTP backend; working out the envelope's addresses differs (above), and its
    connection records a message before reading the reply when asked (`record_before_reply`)."""

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return _SMTP_SSL if self.use_ssl else _SMTP

    def _send(self, email_message: EmailMessage) -> bool:
        recipients = email_message.recipients()
        if not recipients or self.connection is None:  # (send_messages opened it)
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        from_email = _remembered(email_message.from_email, encoding)
        to = envelope_addresses(recipients, encoding)
        message = email_message.message()
        try:
            self.connection.sendmail(from_email, to, message.as_bytes(linesep="\r\n"))
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True


def envelope_addresses(addresses: Sequence[str], encoding: str) -> list[str]:
    """What `sanitize_address` makes of each address."""
    return [
        address
        if isinstance(address, str) and _PLAIN_ADDRESS.fullmatch(address)
        else sanitize_address(address, encoding)
        for address in addresses
    ]


@functools.lru_cache(maxsize=64)
def _remembered(address: str, encoding: str) -> str:
    return sanitize_address(address, encoding)
