"""Addresses at domains that can never receive mail are refused before anything is stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ayni.supporters.validators import validate_deliverable_email

UNDELIVERABLE = (
    "Please use an email address at a real domain: we cannot send to "
    "addresses such as user@localhost or ones ending in .test, .example, .invalid, "
    ".localhost or .local."
)


@pytest.mark.parametrize(
    "email",
    [
        "user@localhost",
        "user@LOCALHOST.",
        "user@mailserver",
        "ana@example.invalid",
        "ana@mail.test",
        "ana@Campaign.TEST",
        "ana@site.example",
        "ana@printer.local",
        "ana@app.localhost",
        "ana@crowd.example.",
    ],
)
def test_undeliverable_domains_are_refused(email):
    with pytest.raises(ValidationError) as raised:
        validate_deliverable_email(email)

    assert raised.value.code == "undeliverable"
    assert raised.value.messages == [UNDELIVERABLE]


@pytest.mark.parametrize(
    "email",
    [
        # example.com/.org/.net are reserved for documentation but resolve (RFC 2606 §3); the
        # test suite and the demo use them, so they are accepted.
        "ana@example.org",
        "ana@example.com",
        "ana@example.net",
        "ana@union.example.org",
        "ana@gmail.com",
        "user@Bücher.de",
        "ana@test.org",  # "test" as a second-level name is an ordinary domain
        "ana@local.coop",
    ],
)
def test_real_domains_are_accepted(email):
    validate_deliverable_email(email)


def test_the_message_comes_in_spanish():
    with translation.override("es"):
        with pytest.raises(ValidationError) as raised:
            validate_deliverable_email("user@localhost")
        messages = raised.value.messages

    assert messages == [
        "Usa una dirección de correo de un dominio real: no podemos escribir a direcciones "
        "como usuario@localhost ni a las que terminan en .test, .example, .invalid, "
        ".localhost o .local."
    ]
