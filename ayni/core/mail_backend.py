"""Django's SMTP backend, the envelope's addresses worked out without parsing the usual ones.

Measured (`bench/profile_reminders.py`; docs/performance.md § Events, the reminders): before
each email Django's backend puts its sender and each recipient through `sanitize_address`,
which parses the address with the standard library's RFC 5322 parser: 0.2 ms of CPU an email
of about 1.7, once the message itself was cheap (`mail_bytes`). The sender is the same for a
whole run, so its answer is remembered; a recipient that is a plain ASCII `local@domain` (the
dot-atom every registrant's address is) comes out of `sanitize_address` unchanged, so it is
taken as it is; any other goes through `sanitize_address` as before. Tested against
`sanitize_address` (ayni/core/tests/test_mail_backend.py).
"""

from __future__ import annotations

import functools
import re
import smtplib
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends import smtp
from django.core.mail.message import sanitize_address

# local@domain, both dot-atoms of letters, digits and the atext marks; the domain's labels
# letters, digits and "-": what sanitize_address gives back unchanged.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
)


class EmailBackend(smtp.EmailBackend):
    """Django's SMTP backend; only working out the envelope's addresses differs (above)."""

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
