"""forms.SignForm: what the sign form refuses, with which message, and what it normalises; each bad
field sent through the sign view, so the message is read as the signer reads it, and nothing is
stored."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from ayni.statements.models import Submission
from ayni.statements.tests.helpers import (
    URL,
    VALID,
    assert_nothing_stored,
    encoded,
    post_raw,
    sent,
    sign_petition,
    sign_url,
    visible,
)
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


REQUIRED = "This field is required."
NOT_CHOICE = "Select a valid choice."
BAD_EMAIL = "Enter a valid email address."
FORMULA = "Please do not start with =, +, - or @."
MARKUP = "Please do not use the characters < or >."
CONTROL = "This contains invisible control characters. Please remove them."
UNREADABLE = "This contains characters we could not read. Please type it again."
NUL = "Null characters are not allowed."
NO_ORGANISATION = "Please give the name of the organisation you are signing for."
EMAIL_TOO_LONG = "This email address is too long."

UNDELIVERABLE = (
    "Please use an email address at a real domain: we cannot send to addresses such as "
    "user@localhost or ones ending in .test, .example, .invalid, .localhost or .local."
)

# 124 characters as typed, but 268 once the domain is in its ASCII (punycode) form, which is
# what mail servers and the normalised column use.
LONG_IDN_EMAIL = (
    "a@"
    + ".".join(
        "".join(chr(0x4E00 + 37 * (19 * label + n)) for n in range(19)) for label in range(6)
    )
    + ".cn"
)


def too_long(limit: int, length: int) -> str:
    return f"Ensure this value has at most {limit} characters (it has {length})."


def assert_rejected(response, message: str) -> None:
    assert response.status_code == 422, response.status_code
    content = response.content.decode()
    assert "Please correct the highlighted fields" in content
    assert escape(message) in content, message
    assert_nothing_stored()


MISSING = [("kind", REQUIRED), ("name", REQUIRED), ("email", REQUIRED), ("country", REQUIRED)]

BAD_FIELDS = [
    # Too long, at the limit + 1.
    ("name", "N" * 121, too_long(120, 121)),
    ("email", "a" * 243 + "@example.org", too_long(254, 255)),
    ("organisation", "O" * 161, too_long(160, 161)),
    ("role", "R" * 121, too_long(120, 121)),
    ("comment", "C" * 501, too_long(500, 501)),
    # Malformed email addresses.
    ("email", "not-an-address", BAD_EMAIL),
    ("email", "ana@", BAD_EMAIL),
    ("email", "ana@@example.org", BAD_EMAIL),
    ("email", "ana example@example.org", BAD_EMAIL),
    ("email", "ana@exa mple.org", BAD_EMAIL),
    ("email", "<script>@example.org", BAD_EMAIL),
    ("email", LONG_IDN_EMAIL, EMAIL_TOO_LONG),
    # Domains that can never receive mail (no dot, or a reserved name: RFC 2606, 6761, 6762).
    ("email", "ana@localhost", UNDELIVERABLE),
    ("email", "ana@example.invalid", UNDELIVERABLE),
    ("email", "ana@crowd.test", UNDELIVERABLE),
    ("email", "ana@site.example", UNDELIVERABLE),
    ("email", "ana@printer.local", UNDELIVERABLE),
    # Formula prefixes, which spreadsheet exports would run (CSV injection).
    *[
        (field, f'{prefix}HYPERLINK("http://evil")', FORMULA)
        for field in ("name", "organisation", "role", "comment")
        for prefix in ("=", "+", "-", "@")
    ],
    ("name", "  =1+1", FORMULA),  # leading spaces are stripped first
    # Web addresses in a name.
    ("name", "http://x", URL),
    ("name", "www.x.com", URL),
    ("name", "spam.com", URL),
    ("name", "Buy at SPAM.COM now", URL),
    ("organisation", "https://example.net/join", URL),
    # Tricks that look like plain words but display as a web address.
    ("name", "spam\u200b.com", URL),  # zero-width space
    ("name", "spam\u200d.com", URL),  # zero-width joiner
    ("name", "ｓｐａｍ．ｃｏｍ", URL),  # full-width letters
    # Markup.
    ("name", "<b>Ana</b>", MARKUP),
    ("comment", "<script>alert(1)</script>", MARKUP),
    ("organisation", "<img src=x onerror=alert(1)>", MARKUP),
    ("role", "a > b", MARKUP),
    # Control characters and NUL.
    ("name", "Ana\x01Sampleton", CONTROL),
    ("name", "Ana\x1b[31mRed", CONTROL),
    ("comment", "Ring\x07the bell", CONTROL),
    ("role", "Back\x7fspace", CONTROL),
    ("comment", "C1\x85control", CONTROL),
    ("comment", "C1\x9bcontrol", CONTROL),
    ("name", "Ana \u202eelpmaS", CONTROL),  # right-to-left override: text that lies about itself
    ("organisation", "Org\u2066x\u2069", CONTROL),
    ("name", "Ana\x00Sampleton", NUL),
    ("email", "ana\x00@example.org", NUL),
    ("comment", "nul\x00byte", NUL),
    # Text that arrived as invalid UTF-8 (decoded with replacement characters).
    ("name", "Ana \ufffd", UNREADABLE),
    # Choices.
    ("country", "XX", NOT_CHOICE),
    ("country", "bo", NOT_CHOICE),
    ("country", "BOL", NOT_CHOICE),
    ("kind", "robot", NOT_CHOICE),
    # Names that are really empty.
    ("name", "   ", REQUIRED),
    ("name", "\u200b\u200c\ufeff", REQUIRED),  # only invisible characters
    ("name", "\u00ad \u2060\u2064", REQUIRED),
    ("name", "A", "Please enter your name."),
]


@pytest.mark.parametrize(("field", "message"), MISSING, ids=[f[0] for f in MISSING])
def test_sign_without_required_field_is_refused(client, field, message):
    statement = StatementFactory()
    data = {k: v for k, v in VALID.items() if k != field}

    response = client.post(sign_url(statement), data)

    assert_rejected(response, message)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    BAD_FIELDS,
    ids=[f"{field}-{index}" for index, (field, _v, _m) in enumerate(BAD_FIELDS)],
)
def test_sign_with_bad_field_is_refused_with_a_clear_message(client, field, value, message):
    statement = StatementFactory()

    response = client.post(sign_url(statement), {**VALID, field: value})

    assert_rejected(response, message)
    # The bad value is shown back escaped, never as markup.
    assert "<script>alert(1)" not in response.content.decode()


def test_sign_as_organisation_without_organisation_is_refused(client):
    statement = StatementFactory()

    response = client.post(
        sign_url(statement), {**VALID, "kind": "organisation", "organisation": "  "}
    )

    assert_rejected(response, NO_ORGANISATION)


def test_sign_as_organisation_named_only_in_invisible_characters_is_refused(client):
    statement = StatementFactory()

    response = client.post(
        sign_url(statement), {**VALID, "kind": "organisation", "organisation": "\u200b\u2060"}
    )

    assert_rejected(response, NO_ORGANISATION)


def test_sign_strips_invisible_characters_from_names(client):
    statement = StatementFactory()
    data = {
        "name": "\ufeffAna\u200b Sample\u00adton\u2060",
        "organisation": "North\u200dtown\u200e NEU",
        "role": "Secre\u200ftary\u2062",
    }

    response = client.post(sign_url(statement), {**VALID, **data})

    assert response.status_code == 302
    stored = Submission.objects.values_list("name", "organisation", "role").get()
    assert stored == ("Ana Sampleton", "Northtown NEU", "Secretary")


def test_sign_accepts_ordinary_names_the_filters_must_not_catch(client):
    statement = StatementFactory()
    names = ["José María Ñúñez-García", "O'Brien & Daughters", "محمد بن سلمان", "Zoë Dot. Com"]

    for n, name in enumerate(names):
        response = client.post(
            sign_url(statement), {**VALID, "name": name, "email": f"person{n}@example.org"}
        )
        assert response.status_code == 302, (name, response.status_code)

    assert sorted(Submission.objects.values_list("name", flat=True)) == sorted(names)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (encoded(name="") + b"&name=Ana%FF%FESampleton", UNREADABLE),
        (encoded(comment="") + b"&comment=%C3%28", UNREADABLE),  # truncated two-byte sequence
        (encoded(organisation="") + b"&organisation=%ED%A0%80", UNREADABLE),  # a surrogate
        (encoded(email="") + b"&email=ana%FF%40example.org", BAD_EMAIL),
        (encoded(country="") + b"&country=B%FF", NOT_CHOICE),
        (encoded(kind="") + b"&kind=%FF", NOT_CHOICE),
    ],
    ids=["name", "comment", "surrogate", "email", "country", "kind"],
)
def test_sign_with_invalid_utf8_is_refused(client, body, message):
    statement = StatementFactory()

    response = post_raw(client, sign_url(statement), body)

    assert_rejected(response, message)


def test_sign_with_a_field_sent_twice_uses_one_value_and_validates_it(client):
    statement = StatementFactory()

    response = post_raw(client, sign_url(statement), encoded() + b"&name=%3Dcmd")

    assert_rejected(response, FORMULA)


@pytest.mark.parametrize(
    ("field", "value", "spanish"),
    [
        ("name", "spam.com", "No incluyas direcciones web, por favor."),
        ("comment", "=cmd", "No empieces con =, +, - ni @, por favor."),
        ("email", LONG_IDN_EMAIL, "Esta dirección de correo electrónico es demasiado larga."),
        (
            "email",
            "ana@localhost",
            "Usa una dirección de correo de un dominio real: no podemos escribir a direcciones "
            "como usuario@localhost ni a las que terminan en .test, .example, .invalid, "
            ".localhost o .local.",
        ),
        ("email", "", "Este campo es obligatorio."),  # Django's own catalogue
        # Django's words in the campaign's register (Django's Spanish says "usted").
        ("email", "not-an-address", "Introduce una dirección de correo electrónico válida."),
        (
            "name",
            "N" * 121,
            "Asegúrate de que este valor tenga como máximo 120 caracteres (tiene 121).",
        ),
        ("kind", "robot", "Elige una opción válida. robot no es una de las opciones disponibles."),
    ],
)
def test_errors_come_in_spanish_on_the_spanish_page(client, field, value, spanish):
    statement = StatementFactory()
    with translation.override("es"):
        url = sign_url(statement)

    # The address decides the language, even for a browser asking for English.
    response = client.post(url, {**VALID, field: value}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 422
    content = response.content.decode()
    assert '<html lang="es">' in content
    assert escape(spanish) in content
    assert_nothing_stored()


def test_suzie_signs_a_petition_with_an_invalid_name(client, petition):
    """Scenario: Suzie signs a petition with an invalid name —
    features/suzie_signs_a_petition.feature."""
    response = sign_petition(client, petition, name="=cmd")

    assert response.status_code == 422
    assert "Please do not start with =, +, - or @." in visible(response)
    assert not sent().exists()


def test_suzie_signs_a_petition_with_a_link_in_their_name(client, petition):
    """Scenario: Suzie signs a petition with a link in their name —
    features/suzie_signs_a_petition.feature."""
    response = sign_petition(client, petition, name="http://petition.parliament.uk")

    assert response.status_code == 422
    assert "Please do not include web addresses." in visible(response)
    assert not sent().exists()


def test_suzie_cannot_sign_if_she_does_not_provide_her_details(client, petition):
    """Scenario: Suzie cannot sign if she does not provide her details —
    features/suzie_signs_a_petition.feature (also signature_spec.rb: presence of name, email
    and location)."""
    response = client.post(
        reverse("statements:sign", kwargs={"slug": petition.slug}), {"kind": "individual"}
    )

    assert response.status_code == 422
    page = visible(response)
    assert "Please correct the highlighted fields" in page
    for label in ("Your name", "Email address", "Country"):
        assert f"{label}: This field is required." in page, label  # the summary
    html = response.content.decode()
    assert re.findall(
        r'<p class="field-error" id="id_(\w+)_error">This field is required\.</p>', html
    ) == [
        "name",
        "email",
        "country",
    ]
    assert not sent().exists()


def test_a_name_longer_than_120_characters_is_refused(client, petition):
    """signature_spec.rb: validations, "validate_length_of(:name).is_at_most(255)" (ayni: 120)."""
    assert sign_petition(client, petition, name="W" * 120).status_code == 302

    response = sign_petition(client, petition, name="W" * 121)

    assert response.status_code == 422
    assert "Ensure this value has at most 120 characters (it has 121)." in visible(response)
    assert sent().count() == 1


def test_a_domain_name_in_a_name_is_allowed_but_a_web_address_is_not(client, petition):
    """signature_spec.rb: validations, allow "Please click this petition.parliament.uk for a
    special offer", not "Please click this http://petition.parliament.uk for a special offer"."""
    allowed = sign_petition(
        client, petition, name="Please click this petition.parliament.uk for a special offer"
    )
    refused = sign_petition(
        client,
        petition,
        email="other@example.org",
        name="Please click this http://petition.parliament.uk for a special offer",
    )

    assert allowed.status_code == 302
    assert refused.status_code == 422
    assert "Please do not include web addresses." in visible(refused)
    assert list(sent().values_list("name", flat=True)) == [
        "Please click this petition.parliament.uk for a special offer"
    ]


def test_the_country_must_be_a_known_country_code(client, petition):
    """signature_spec.rb: validations, location_code must be completed, allows "GB", not
    "United Kingdom"; postcode "does not allow unrecognised postcodes" (ayni: the country)."""
    missing = sign_petition(client, petition, country="")
    spelled_out = sign_petition(client, petition, country="United Kingdom")
    unknown = sign_petition(client, petition, country="XX")
    known = sign_petition(client, petition, country="GB")

    assert missing.status_code == spelled_out.status_code == unknown.status_code == 422
    assert "This field is required." in visible(missing)
    assert "Select a valid choice. United Kingdom is not one of the available choices." in (
        visible(spelled_out)
    )
    assert "Select a valid choice. XX is not one of the available choices." in visible(unknown)
    assert known.status_code == 302
    assert sent().get().country.code == "GB"


def test_the_email_address_must_be_a_real_address(client, petition):
    """signature_spec.rb: validations, "validates format of email", "does not allow invalid
    email", "doesn't allow local email addresses"."""
    for email in ("not an email", "admin", "admin@", "@example.com"):
        response = sign_petition(client, petition, email=email)
        assert response.status_code == 422, email
        assert "Enter a valid email address." in visible(response), email

    assert sign_petition(client, petition, email="joe@example.com").status_code == 302
    assert list(sent().values_list("email", flat=True)) == ["joe@example.com"]


def test_a_local_email_address_is_refused(client, petition):
    """signature_spec.rb: validations, "doesn't allow local email addresses" (for an address
    with a local host name, which the spec's 'admin' stands for)."""
    response = sign_petition(client, petition, email="admin@localhost")

    assert response.status_code == 422
    assert "Please use an email address at a real domain" in visible(response)
    assert not sent().exists()
