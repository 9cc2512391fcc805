"""views.statement_challenge and the sign form of a statement that requires the proof-of-work
challenge (ALTCHA widget)."""

from __future__ import annotations

import base64
import json

import pytest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from ayni.core.middleware import CONTENT_SECURITY_POLICY
from ayni.statements.models import Signature, Submission
from tests.factories import StatementFactory
from tests.fixtures import solve_challenge

pytestmark = pytest.mark.django_db

FORM = {"kind": "individual", "name": "Pow Tester", "email": "pow@example.org", "country": "GB"}
NOTICE = {
    "en": "Signing this statement needs JavaScript switched on: your browser solves a small "
    "puzzle that keeps automated signing out.",
    "es": "Para firmar esta declaración necesitas tener JavaScript activado: tu navegador "
    "resuelve un pequeño acertijo que deja fuera las firmas automáticas.",
}
REFUSED = {
    "en": "The anti-abuse check did not finish. Please wait a moment and send the form again.",
    "es": "La comprobación contra abusos no terminó. Espera un momento y vuelve a enviar el "
    "formulario.",
}


def urls(statement, language: str = "en") -> tuple[str, str, str]:
    """The statement page, its sign URL and its challenge URL in `language`."""
    with translation.override(language):
        return (
            statement.get_absolute_url(),
            reverse("statements:sign", kwargs={"slug": statement.slug}),
            reverse("statements:challenge", kwargs={"slug": statement.slug}),
        )


def assert_nothing_stored() -> None:
    assert Submission.objects.count() == Signature.objects.count() == 0


@pytest.fixture
def guarded(settings):
    settings.POW_MAX_NUMBER = 2000
    return StatementFactory(require_challenge=True)


def test_challenge_endpoint_only_when_switched_on(client):
    _page, _sign, challenge_url = urls(StatementFactory())

    response = client.get(challenge_url)

    assert response.status_code == 404


def test_challenge_endpoint_gives_a_fresh_uncached_challenge(client, guarded):
    _page, _sign, challenge_url = urls(guarded)

    first, second = client.get(challenge_url), client.get(challenge_url)

    assert first["Cache-Control"] == "no-store"
    assert first.json()["parameters"]["data"] == {"scope": f"sign:{guarded.slug}"}
    assert first.json()["signature"] != second.json()["signature"]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("answer", ["", "x", base64.b64encode(b"[1]").decode()])
@pytest.mark.parametrize("htmx", [False, True])
def test_signing_without_a_valid_answer_is_refused_in_the_page_language(
    client, guarded, language, answer, htmx
):
    _page, sign_url, _challenge = urls(guarded, language)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    response = client.post(
        sign_url, {**FORM, "altcha": answer}, HTTP_ACCEPT_LANGUAGE="de", **headers
    )

    assert response.status_code == 422
    assert escape(REFUSED[language]) in response.content.decode()
    assert_nothing_stored()


def test_a_solved_challenge_signs_once_and_cannot_be_replayed(client, guarded):
    _page, sign_url, challenge_url = urls(guarded)
    answer = solve_challenge(client.get(challenge_url).json())

    first = client.post(sign_url, {**FORM, "altcha": answer})
    replay = client.post(sign_url, {**FORM, "email": "other@example.org", "altcha": answer})

    assert first.status_code == 302
    assert replay.status_code == 422
    assert escape(REFUSED["en"]) in replay.content.decode()
    assert list(Submission.objects.values_list("email", flat=True)) == ["pow@example.org"]


def test_an_answer_for_another_statement_is_refused(client, guarded):
    _page, _sign, other_challenge_url = urls(StatementFactory(require_challenge=True))
    _page, sign_url, _challenge = urls(guarded)
    answer = solve_challenge(client.get(other_challenge_url).json())

    response = client.post(sign_url, {**FORM, "altcha": answer})

    assert response.status_code == 422
    assert_nothing_stored()


def test_a_tampered_answer_is_refused(client, guarded):
    _page, sign_url, challenge_url = urls(guarded)
    challenge = client.get(challenge_url).json()
    challenge["parameters"]["expiresAt"] += 3600

    response = client.post(sign_url, {**FORM, "altcha": solve_challenge(challenge)})

    assert response.status_code == 422
    assert_nothing_stored()


def test_a_statement_without_the_challenge_ignores_the_field(client):
    _page, sign_url, _challenge = urls(StatementFactory())

    response = client.post(sign_url, {**FORM, "altcha": ""})

    assert response.status_code == 302
    assert list(Submission.objects.values_list("email", flat=True)) == ["pow@example.org"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_page_says_before_the_form_that_javascript_is_needed(client, guarded, language):
    page_url, _sign, _challenge = urls(guarded, language)

    content = client.get(page_url).content.decode()

    notice = content.index(escape(NOTICE[language]))
    assert notice < content.index('<form method="post" action=')
    assert content.count(escape(NOTICE[language])) == 1
    assert content.rindex("<noscript>", 0, notice) > content.index('<section id="sign"')


@pytest.mark.parametrize("language", ["en", "es"])
def test_page_without_the_challenge_has_no_notice_and_no_widget(client, language):
    page_url, _sign, _challenge = urls(StatementFactory(), language)

    content = client.get(page_url).content.decode()

    assert NOTICE["en"] not in content
    assert escape(NOTICE["es"]) not in content
    assert "altcha" not in content


@pytest.mark.parametrize("language", ["en", "es"])
def test_page_carries_the_widget_configured_for_our_server_only(client, guarded, language):
    page_url, _sign, challenge_url = urls(guarded, language)

    content = client.get(page_url).content.decode()

    form = content[content.index("<form method") : content.index("</form>")]
    assert f'challenge="{challenge_url}"' in form
    assert f'language="{language}"' in form
    assert f'data-altcha-script="{static("vendor/altcha/altcha.min.js")}"' in form
    assert f'data-altcha-worker="{static("vendor/altcha/workers/sha.js")}"' in form
    assert f'<script type="module" src="{static("js/altcha-widget.js")}">' in content
    assert "js/pow.js" not in content
    # Nothing leaves the site: no address of another host anywhere in the widget's markup.
    assert "http" not in form[form.index("<altcha-widget") : form.index("</altcha-widget>")]


def test_widget_texts_are_in_the_page_language(client, guarded):
    page_url, _sign, _challenge = urls(guarded, "es")

    content = client.get(page_url).content.decode()

    start = content.index('data-altcha-strings="') + len('data-altcha-strings="')
    strings = json.loads(
        content[start : content.index('"', start)].replace("&quot;", '"').replace("&#x27;", "'")
    )
    assert strings["label"] == "No soy un robot"
    assert strings["verified"] == "Comprobación completada. Ya puedes enviar el formulario."
    assert strings["footer"] == ""


def test_page_with_the_widget_keeps_the_strict_content_security_policy(client, guarded):
    page_url, _sign, _challenge = urls(guarded)

    response = client.get(page_url)

    # The widget needs no exception: its script, styles and worker are ours, and it
    # talks only to us. A worker from our own origin is all `worker-src` allows.
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert CONTENT_SECURITY_POLICY.split("; ") == [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
