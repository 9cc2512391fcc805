"""Bad input on every field and endpoint: a clear message, nothing stored, never a 500.

The issue calls out in particular: each required field missing, over-long text, formula
prefixes (CSV injection), URLs in names, markup, control characters and NUL bytes, invalid
UTF-8, an unknown country, an organisation signature without an organisation, an oversized
body, GET on POST-only endpoints, forged tokens, garbage wall cursors, unknown slugs,
conditional count requests and a missing CSRF token.
"""

from __future__ import annotations

import base64
import re
import urllib.parse

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, Submission
from ayni.statements.tokens import CONFIRM_SALT, WITHDRAW_SALT, make_token
from tests.factories import SignatureFactory, StatementFactory, link_token

pytestmark = pytest.mark.django_db

VALID = {
    "kind": "individual",
    "name": "Ana Sampleton",
    "email": "ana@example.org",
    "country": "BO",
    "organisation": "Northtown NEU",
    "role": "Secretary",
    "comment": "Solidarity",
    "show_publicly": "on",
}

REQUIRED = "This field is required."
NOT_CHOICE = "Select a valid choice."
BAD_EMAIL = "Enter a valid email address."
FORMULA = "Please do not start with =, +, - or @."
URL = "Please do not include web addresses."
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


def sign_url(statement) -> str:
    return reverse("statements:sign", kwargs={"slug": statement.slug})


def assert_nothing_stored() -> None:
    assert Submission.objects.count() == 0
    assert Signature.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def assert_rejected(response, message: str) -> None:
    assert response.status_code == 422, response.status_code
    content = response.content.decode()
    assert "Please correct the highlighted fields" in content
    assert escape(message) in content, message
    assert_nothing_stored()


# --- The sign form, one bad field at a time ------------------------------------------------

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


def test_sign_with_bad_field_over_htmx_returns_the_form_partial(client):
    statement = StatementFactory()

    response = client.post(
        sign_url(statement), {**VALID, "name": "spam.com"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 422
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="sign"')
    assert URL in content
    assert_nothing_stored()


def test_sign_accepts_ordinary_names_the_filters_must_not_catch(client):
    statement = StatementFactory()
    names = ["José María Ñúñez-García", "O'Brien & Daughters", "محمد بن سلمان", "Zoë Dot. Com"]

    for n, name in enumerate(names):
        response = client.post(
            sign_url(statement), {**VALID, "name": name, "email": f"person{n}@example.org"}
        )
        assert response.status_code == 302, (name, response.status_code)

    assert sorted(Submission.objects.values_list("name", flat=True)) == sorted(names)


# --- Raw bodies: invalid UTF-8, oversized, too many fields ---------------------------------


def post_raw(client, url: str, body: bytes, content_type="application/x-www-form-urlencoded"):
    return client.generic("POST", url, data=body, content_type=content_type)


def encoded(**overrides: str) -> bytes:
    return urllib.parse.urlencode({**VALID, **overrides}).encode()


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


def test_sign_with_raw_non_utf8_bytes_is_refused_not_stored_as_mojibake(client):
    # Browsers percent-encode form bodies as UTF-8; raw Latin-1 bytes used to be read as
    # Latin-1 and stored. They are refused: only UTF-8 is read (core/middleware.py).
    statement = StatementFactory()

    response = post_raw(client, sign_url(statement), encoded(role="") + b"&role=\xe9t\xe9")

    assert response.status_code == 400
    assert "not in UTF-8, the only character encoding we read" in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart"])
def test_sign_with_oversized_body_is_a_friendly_400(client, content_type):
    statement = StatementFactory()
    huge = "x" * (600 * 1024)  # DATA_UPLOAD_MAX_MEMORY_SIZE is 512 KiB

    if content_type == "multipart":
        response = client.post(sign_url(statement), {**VALID, "comment": huge})
    else:
        response = post_raw(client, sign_url(statement), encoded(comment=huge))

    assert response.status_code == 400
    assert "Something was wrong with that request" in response.content.decode()
    assert_nothing_stored()


def test_sign_with_too_many_fields_is_a_friendly_400(client):
    statement = StatementFactory()
    body = encoded() + b"".join(b"&f%d=1" % n for n in range(250))  # limit: 200

    response = post_raw(client, sign_url(statement), body)

    assert response.status_code == 400
    assert "Something was wrong with that request" in response.content.decode()
    assert_nothing_stored()


def test_sign_with_json_body_is_refused_not_a_500(client):
    statement = StatementFactory()

    response = post_raw(client, sign_url(statement), b'{"name": "x"}', "application/json")

    assert response.status_code == 422
    assert_nothing_stored()


def test_sign_with_a_field_sent_twice_uses_one_value_and_validates_it(client):
    statement = StatementFactory()

    response = post_raw(client, sign_url(statement), encoded() + b"&name=%3Dcmd")

    assert_rejected(response, FORMULA)


# --- Messages in the signer's language ------------------------------------------------------


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


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Error: Stand with the people · ayni"), ("es", "Error: Con el pueblo · ayni")],
)
def test_sign_with_errors_comes_back_titled_error_with_the_summary_at_the_form(
    client, language, title
):
    statement = StatementFactory()
    with translation.override(language):
        detail, url = statement.get_absolute_url(), sign_url(statement)
    page = client.get(detail)

    response = client.post(url, {**VALID, "email": "not-an-address"})

    content = response.content.decode()
    assert response.status_code == 422
    assert re.search(r"<title>(.*?)</title>", content, re.S).group(1).strip() == title
    assert "<title>Error" not in page.content.decode()
    # Without JavaScript the browser keeps the fragment of the form's address through the
    # POST and lands on the summary, at the top of the form; it can take focus, so it gets it.
    for html in (page.content.decode(), content):
        assert f'action="{url}#sign-errors"' in html
    sign_box = content[content.index('<section id="sign"') :]
    summary = sign_box.index(
        '<div id="sign-errors" class="error-summary" role="alert" tabindex="-1" data-focus '
        f'data-error-title="{title}">'
    )
    assert summary < sign_box.index("<form")
    assert "#}" not in content and "{%" not in content  # no template comment leaks out
    assert_nothing_stored()


# --- Methods, tokens, cursors, slugs, conditional requests, CSRF ------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("statements:sign", "put"),
        ("statements:detail", "post"),
        ("statements:count", "post"),
        ("statements:signatories", "post"),
        ("statements:check_inbox", "post"),
        ("statements:thanks", "delete"),
    ],
)
def test_wrong_method_is_405(client, name, method):
    statement = StatementFactory()

    response = getattr(client, method)(reverse(name, kwargs={"slug": statement.slug}))

    assert response.status_code == 405
    assert_nothing_stored()


@pytest.mark.parametrize("method", ["get", "head"])
def test_sign_address_opened_directly_leads_to_the_form(client, method):
    # Without JavaScript a form with errors comes back under this address: a reload is a GET.
    statement = StatementFactory()

    response = getattr(client, method)(sign_url(statement))

    assert response.status_code == 302
    assert response["Location"] == statement.get_absolute_url() + "#sign"
    assert_nothing_stored()


def test_confirm_and_withdraw_refuse_other_methods(client):
    signature = SignatureFactory(status=SignatureStatus.PENDING)

    for name, salt in (
        ("statements:confirm", CONFIRM_SALT),
        ("statements:withdraw", WITHDRAW_SALT),
    ):
        url = reverse(name, kwargs={"token": link_token(signature, salt)})
        assert client.put(url).status_code == 405
        assert client.delete(url).status_code == 405

    assert Signature.objects.get().status == SignatureStatus.PENDING


def bad_tokens(signature_id: int, salt: str) -> list[str]:
    other = WITHDRAW_SALT if salt == CONFIRM_SALT else CONFIRM_SALT
    good = make_token(signature_id, salt)
    return [
        "garbage",
        f"{signature_id}:forged",
        good[:-1] + ("A" if good[-1] != "A" else "B"),  # one character changed
        good + "x",
        make_token(signature_id, other),  # a withdraw link used to confirm, and vice versa
        make_token(999_999, salt),  # properly signed, but no such signature
        make_token(2**70, salt),  # larger than any database integer
        make_token(-1, salt),
        "x" * 2000,
        "%C3%A9",
        "%00",
        ":",
        "e30:1",
    ]


@pytest.mark.parametrize(
    ("name", "methods"),
    [
        ("statements:confirm", ("get", "post")),
        ("statements:withdraw", ("get", "post")),
        ("statements:data", ("get",)),
        ("statements:erase", ("get", "post")),
    ],
)
@pytest.mark.parametrize("index", range(13))
def test_bad_token_is_404_and_changes_nothing(client, name, methods, index):
    signature = SignatureFactory(status=SignatureStatus.PENDING, name="Kept Name")
    salt = CONFIRM_SALT if name == "statements:confirm" else WITHDRAW_SALT
    token = bad_tokens(signature.id, salt)[index]
    url = reverse(name, kwargs={"token": "TOKEN"}).replace("TOKEN", token)

    for method in methods:
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, response.status_code)
        assert b"Kept Name" not in response.content
    signature = Signature.objects.get()
    assert (signature.status, signature.name) == (SignatureStatus.PENDING, "Kept Name")


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


GARBAGE_CURSORS = [
    "garbage",
    "!!!",
    "%00",
    "é",
    "=",
    b64(b"nan:1"),
    b64(b"inf:1"),
    b64(b"1e400:1"),
    b64(b"99999999999999999:1"),  # far beyond year 9999
    b64(b"1.5:abc"),
    b64(b"\xff\xfe:1"),
    b64(b"no separator"),
    "A" * 200,
]


@pytest.mark.parametrize("cursor", GARBAGE_CURSORS)
def test_garbage_wall_cursor_shows_page_one(client, cursor):
    signature = SignatureFactory(name="Visible Signer")
    url = reverse("statements:signatories", kwargs={"slug": signature.statement.slug})

    response = client.get(url, {"after": cursor})

    assert response.status_code == 200
    assert "Visible Signer" in response.content.decode()


@pytest.mark.parametrize(
    "cursor",
    [b64(b"-1:-1"), b64(b"1:99999999999999999999999"), b64(b"99999999999:1"), b64(b"0:0")],
)
def test_odd_but_well_formed_wall_cursor_is_not_a_500(client, cursor):
    signature = SignatureFactory(name="Visible Signer")
    url = reverse("statements:signatories", kwargs={"slug": signature.statement.slug})

    response = client.get(url, {"after": cursor}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("statements:detail", "get"),
        ("statements:sign", "post"),
        ("statements:sign", "get"),
        ("statements:check_inbox", "get"),
        ("statements:thanks", "get"),
        ("statements:signatories", "get"),
        ("statements:count", "get"),
        ("statements:challenge", "get"),
    ],
)
@pytest.mark.parametrize("state", ["missing", "draft"])
def test_unknown_or_draft_slug_is_404_on_every_statement_url(client, name, method, state):
    StatementFactory(slug="real-one")
    if state == "draft":
        StatementFactory(slug="not-yet", state="draft")
    slug = "not-yet" if state == "draft" else "no-such-statement"

    response = getattr(client, method)(reverse(name, kwargs={"slug": slug}), VALID)

    assert response.status_code == 404
    assert_nothing_stored()


def test_count_json_answers_304_to_a_matching_etag(client):
    statement = StatementFactory()
    url = reverse("statements:count", kwargs={"slug": statement.slug})
    first = client.get(url)

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    other = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')

    assert first.status_code == 200 and first.json()["count"] == 0
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert other.status_code == 200


def test_sign_without_csrf_token_is_a_friendly_403(db):
    statement = StatementFactory()
    client = Client(enforce_csrf_checks=True)

    response = client.post(sign_url(statement), VALID)

    assert response.status_code == 403
    content = response.content.decode()
    assert "Please try again" in content
    assert "reload the page" in content
    assert_nothing_stored()


def test_confirm_without_csrf_token_is_a_friendly_403(db):
    signature = SignatureFactory(status=SignatureStatus.PENDING)
    client = Client(enforce_csrf_checks=True)
    url = reverse("statements:confirm", kwargs={"token": link_token(signature, CONFIRM_SALT)})

    response = client.post(url)

    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
    assert Signature.objects.get().status == SignatureStatus.PENDING


def test_closed_statement_with_bad_input_is_409_not_a_500(client):
    statement = StatementFactory(state="closed")

    response = client.post(sign_url(statement), {"name": "\x00", "email": "@@"})

    assert response.status_code == 409
    assert_nothing_stored()


@pytest.mark.parametrize(
    "data",
    [
        {"language": "xx", "next": "/"},
        {"language": "es", "next": "http://evil.example/"},
        {"language": "es", "next": "//evil.example/"},
        {"language": "\x00", "next": "\x00"},
        {},
    ],
)
def test_language_switch_with_bad_input_stays_on_this_site(client, data):
    response = client.post("/i18n/setlang/", data)

    assert response.status_code in (302, 204)
    assert "evil.example" not in response.get("Location", "")
