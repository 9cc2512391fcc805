"""Request bodies ayni cannot read get the plain 400 page, in the reader's language.

Behind the CSRF check a body Django refuses while parsing (a declared charset other than
UTF-8, too much data, too many fields) used to be refused twice: once by the view, then again
by the CSRF decorator on Django's own 400 page, which ended as a 500.
"""

from __future__ import annotations

import urllib.parse

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from ayni.statements.models import Signature, Submission
from tests.factories import StatementFactory, UserFactory

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
ENGLISH = (
    "Your browser sent text that is not in UTF-8, the only character encoding we read. "
    "Please go back and try again; if it happens again, try another browser."
)
SPANISH = (
    "Tu navegador envió texto que no está en UTF-8, la única codificación de caracteres "
    "que leemos. Vuelve atrás e inténtalo de nuevo; si vuelve a pasar, prueba con otro "
    "navegador."
)
SIGNER = {
    "kind": "individual",
    "name": "Ana Sampleton",
    "email": "ana@example.org",
    "country": "BO",
}


def browser(language: str = "en") -> tuple[Client, str]:
    """A client that checks CSRF like a real browser, holding a cookie and its token."""
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    page = client.get(reverse("admin:login"))
    return client, page.context["csrf_token"]


def targets() -> dict[str, tuple[str, dict]]:
    statement = StatementFactory()
    UserFactory(username="organiser")
    return {
        "sign": (reverse("statements:sign", kwargs={"slug": statement.slug}), SIGNER),
        "admin-login": (
            reverse("admin:login"),
            {"username": "organiser", "password": "a-good-long-password"},
        ),
    }


def assert_refused(response, client: Client, message: str = ENGLISH) -> None:
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert Submission.objects.count() == Signature.objects.count() == 0
    assert SESSION_KEY not in client.session  # nobody was logged in


@pytest.mark.parametrize("target", ["sign", "admin-login"])
@pytest.mark.parametrize(
    "content_type",
    [
        f"{FORM}; charset=latin-1",
        f"{FORM}; charset=ISO-8859-1",
        f"{FORM}; charset=foo",
        f"{FORM}; charset=utf-16",
        "multipart/form-data; boundary=xyz; charset=latin-1",
        "text/plain; charset=windows-1252",
    ],
)
def test_a_post_declaring_another_charset_is_a_plain_400(target, content_type):
    client, token = browser()
    url, data = targets()[target]
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()

    response = client.generic("POST", url, body, content_type=content_type)

    assert_refused(response, client)


@pytest.mark.parametrize("target", ["sign", "admin-login"])
def test_raw_bytes_that_are_not_utf8_are_a_plain_400(target):
    client, token = browser()
    url, data = targets()[target]
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()

    response = client.generic("POST", url, body + b"&role=\xe9t\xe9", content_type=FORM)

    assert_refused(response, client)


def test_the_400_page_speaks_the_readers_language():
    client, token = browser("es")
    url, data = targets()["sign"]
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()

    response = client.generic("POST", url, body, content_type=f"{FORM}; charset=latin-1")

    assert_refused(response, client, SPANISH)
    assert '<html lang="es">' in response.content.decode()


@pytest.mark.parametrize(
    "body",
    [
        "x" * (600 * 1024),  # more than DATA_UPLOAD_MAX_MEMORY_SIZE
        "&".join(f"f{n}=1" for n in range(250)),  # more than DATA_UPLOAD_MAX_NUMBER_FIELDS
    ],
    ids=["too-big", "too-many-fields"],
)
def test_a_body_django_refuses_is_a_plain_400_behind_the_csrf_check(body):
    client, token = browser()
    url, data = targets()["sign"]
    encoded = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token, "comment": ""})

    response = client.generic("POST", url, f"{encoded}&{body}".encode(), content_type=FORM)

    assert response.status_code == 400
    assert "Something was wrong with that request" in response.content.decode()
    assert Submission.objects.count() == Signature.objects.count() == 0


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"', "utf8"])
def test_utf8_however_spelled_is_read(charset):
    client, token = browser()
    url, data = targets()["sign"]
    body = urllib.parse.urlencode({**data, "name": "José Ñúñez", "csrfmiddlewaretoken": token})

    response = client.generic("POST", url, body.encode(), content_type=f"{FORM}; charset={charset}")

    assert response.status_code == 302
    assert Submission.objects.get().name == "José Ñúñez"


def test_admin_login_in_utf8_still_logs_in():
    client, token = browser()
    url, data = targets()["admin-login"]

    response = client.post(url, {**data, "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert SESSION_KEY in client.session
