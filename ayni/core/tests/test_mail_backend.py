"""The SMTP backend's envelope addresses are what Django's backend makes of them."""

from __future__ import annotations

import pytest
from django.core.mail.message import sanitize_address

from ayni.core.mail_backend import envelope_addresses

ADDRESSES = [
    "ana@example.org",
    "confirmed.42@profile-reminders.example.org",
    "o'neil+events@sub.example.co.uk",
    "UPPER.Case@Example.ORG",
    "x@localhost",
    "a!#$%&'*+/=?^_`{|}~-@example.org",
    "Ana Sample <ana@example.org>",
    "José Ñandú <jose@example.org>",
    "josé@example.org",
    "ana@campaña.example",
    '"quoted local"@example.org',
    "ana@-bad-.example.org",
    "dots..twice@example.org",
    ("Ana", "ana@example.org"),
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_each_address_is_what_sanitize_address_makes_of_it(address):
    try:
        expected = sanitize_address(address, "utf-8")
    except ValueError:
        with pytest.raises(ValueError):
            envelope_addresses([address], "utf-8")
    else:
        assert envelope_addresses([address], "utf-8") == [expected]


def test_a_line_break_is_refused_as_django_refuses_it():
    with pytest.raises(ValueError):
        envelope_addresses(["ana@example.org\r\nRCPT TO:<x@example.org>"], "utf-8")
