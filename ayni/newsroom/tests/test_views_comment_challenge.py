"""The comment form's optional proof-of-work (COMMENT_REQUIRE_CHALLENGE): the statements' own
mechanism (ayni.core.pow), its challenge address (newsroom:comment_challenge), a refused or
replayed answer storing nothing and sending nothing, and the page's widget and notice."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.templatetags.static import static
from django.utils.html import escape

from ayni.core.middleware import CONTENT_SECURITY_POLICY
from ayni.newsroom.models import Comment
from ayni.newsroom.tests.factories import published, url_in
from tests.fixtures import solve_challenge

pytestmark = pytest.mark.django_db

FORM = {"name": "Nina Nueva", "email": "nina@example.org", "text": "Solidarity from Leeds."}
NOTICE = {
    "en": "Posting a comment needs JavaScript switched on: your browser solves a small puzzle "
    "that keeps automated comments out.",
    "es": "Para publicar un comentario necesitas tener JavaScript activado: tu navegador "
    "resuelve un pequeño acertijo que deja fuera los comentarios automáticos.",
}
REFUSED = {
    "en": "The anti-abuse check did not finish. Please wait a moment and send the form again.",
    "es": "La comprobación contra abusos no terminó. Espera un momento y vuelve a enviar el "
    "formulario.",
}


@pytest.fixture
def guarded(settings):
    settings.COMMENT_REQUIRE_CHALLENGE = True
    settings.POW_MAX_NUMBER = 2000


def challenge_url(article) -> str:
    return url_in(article.language, "newsroom:comment_challenge", slug=article.slug)


def post(client, article, **fields):
    url = url_in(article.language, "newsroom:comment", slug=article.slug)
    return client.post(url, {**FORM, **fields})


def test_challenge_address_only_when_switched_on(client, settings):
    article = published()

    off = client.get(challenge_url(article))
    settings.COMMENT_REQUIRE_CHALLENGE = True
    first, second = client.get(challenge_url(article)), client.get(challenge_url(article))

    assert off.status_code == 404
    assert (first.status_code, first["Cache-Control"]) == (200, "no-store")
    assert first.json()["parameters"]["keyPrefix"] != second.json()["parameters"]["keyPrefix"]


def test_no_challenge_for_an_article_closed_to_comments_or_unknown(client, guarded, settings):
    settings.COMMENTS_CLOSE_DAYS = 1
    old = published(ago=timedelta(days=3))

    assert client.get(challenge_url(old)).status_code == 404
    missing = url_in("en", "newsroom:comment_challenge", slug="no-such-article")
    assert client.get(missing).status_code == 404


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("answer", ["", "x", base64.b64encode(b"[1]").decode()])
def test_a_comment_without_a_valid_answer_is_refused_and_nothing_stored(
    client, guarded, mailbox, run_tasks, language, answer
):
    article = published(language=language)

    response = post(client, article, altcha=answer)

    assert response.status_code == 422
    assert escape(REFUSED[language]) in response.content.decode()
    assert Comment.objects.count() == 0
    run_tasks()
    assert mailbox.messages == []


def test_a_solved_challenge_posts_once_and_cannot_be_replayed(client, guarded, mailbox, run_tasks):
    article = published()
    answer = solve_challenge(client.get(challenge_url(article)).json())

    first = post(client, article, altcha=answer)
    replay = post(client, article, altcha=answer, email="other@example.org", text="Again.")

    assert first.status_code == 302
    assert replay.status_code == 422
    assert escape(REFUSED["en"]) in replay.content.decode()
    assert list(Comment.objects.values_list("email", flat=True)) == ["nina@example.org"]
    run_tasks()
    assert [m["To"] for m in mailbox.messages] == ["nina@example.org"]


def test_an_answer_for_another_articles_form_is_refused(client, guarded):
    other, article = published(), published()
    answer = solve_challenge(client.get(challenge_url(other)).json())

    response = post(client, article, altcha=answer)

    assert response.status_code == 422
    assert Comment.objects.count() == 0


def test_switched_off_the_field_is_ignored(client):
    response = post(client, published(), altcha="")

    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("language", ["en", "es"])
def test_page_with_the_challenge_says_so_and_carries_the_widget(client, guarded, language):
    article = published(language=language)

    response = client.get(article.get_absolute_url())

    content = response.content.decode()
    notice = content.index(escape(NOTICE[language]))
    assert content.rindex("<noscript>", 0, notice) > content.index('<section id="reply"')
    form = content[content.index('<form method="post" action="/') : content.rindex("</form>")]
    assert f'challenge="{challenge_url(article)}"' in form
    assert f'language="{language}"' in form
    assert f'<script type="module" src="{static("js/altcha-widget.js")}">' in content
    assert "http" not in form[form.index("<altcha-widget") : form.index("</altcha-widget>")]
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_page_without_the_challenge_has_no_widget_and_no_notice(client):
    content = client.get(published().get_absolute_url()).content.decode()

    assert "altcha" not in content
    assert NOTICE["en"] not in content


def test_a_kept_article_page_gets_the_widget_once_the_challenge_is_switched_on(client, settings):
    article = published()
    before = client.get(article.get_absolute_url()).content.decode()

    settings.COMMENT_REQUIRE_CHALLENGE = True
    after = client.get(article.get_absolute_url()).content.decode()

    assert "altcha-widget" not in before
    assert f'challenge="{challenge_url(article)}"' in after
