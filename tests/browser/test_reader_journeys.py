"""A reader's way through the meter in real Chromium, on the demo's metered articles.

In English, one joined journey: a fresh reader reads metered articles until the meter's prompt
(the gated part in no response), follows its "subscribe" link, subscribes, confirms from the
email the local SMTP server received, is led back to the same article by the confirm page and
reads it whole, reads the rest the subscription gives, and meets the prompt that offers only
membership. In Spanish, the same to the prompt. Each language's prompt is screenshotted
(docs/screenshots/news-meter-<lang>.png).

The allowances are the settings' defaults, which the live stack keeps: NEWS_METER_FREE 3 and
NEWS_METER_SUBSCRIBER_EXTRA 3.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import (
    django_shell,
    screenshot,
    secrets_token,
    subscribe_and_confirm,
    unique_email,
    wait_for_news_index,
)

pytestmark = pytest.mark.browser

# The demo's four metered articles (ayni/newsroom/demo/more.py), each with a sentence of its
# last paragraph, which only a reader within the meter gets.
METERED = {
    "en": [
        ("santa-cruz-blockades-unions-report", "asking it to condemn the violence"),
        ("lithium-joint-enterprise-explained", "the communities near the salt flats"),
        ("from-coup-to-recovery-timeline", "Unemployment falls, the minimum wage rises"),
        ("regional-cooperation-not-the-pentagon", "Critics call it ideology."),
    ],
    "es": [
        ("bloqueos-en-santa-cruz-los-sindicatos-denuncian-ataques", "que condene la violencia"),
        ("litio-una-empresa-publica-conjunta-con-mexico", "las comunidades que viven junto"),
        ("del-golpe-a-la-recuperacion-cronologia", "Baja el desempleo, sube el salario"),
        ("cooperacion-regional-no-el-pentagono", "Sus críticos lo llaman ideología."),
    ],
}
SAYS = {
    "en": {
        "left": {
            left: f"This article counts towards your free articles: {left} left."
            for left in (2, 1, 0)
        },
        "limit": "You have reached the free limit",
        "offer": "Subscribe to our news for free and read 3 more articles.",
        "subscribe": "Subscribe for free",
        "join": "Become a member or sign in",
        "members": "Members read more articles, or every article in full.",
    },
    "es": {
        "left": {  # "te queda 1": Spanish agrees the verb with the number
            2: "Este artículo cuenta entre tus artículos gratuitos: te quedan 2.",
            1: "Este artículo cuenta entre tus artículos gratuitos: te queda 1.",
            0: "Este artículo cuenta entre tus artículos gratuitos: te quedan 0.",
        },
        "limit": "Has llegado al límite gratuito",
        "offer": "Suscríbete a nuestras noticias gratis y lee 3 artículos más.",
        "subscribe": "Suscríbete gratis",
        "join": "Hazte miembro o entra",
    },
}


def read_within_the_meter(page: Page, lang: str, slug: str, last: str, left: int) -> None:
    page.goto(f"/{lang}/news/{slug}/")
    expect(page.locator(".article-body")).to_contain_text(last)
    expect(page.locator(".meter-remaining")).to_have_text(SAYS[lang]["left"][left])
    expect(page.locator(".meter-prompt")).to_have_count(0)


def meet_the_meter(page: Page, lang: str, slug: str, last: str) -> None:
    """The article past the allowance: its preview and the prompt offering a subscription,
    and its gated part in nothing the server sent."""
    page.goto(f"/{lang}/news/{slug}/")
    says = SAYS[lang]
    expect(page.locator(".meter-prompt h2")).to_have_text(says["limit"])
    expect(page.locator(".meter-prompt p").first).to_have_text(says["offer"])
    expect(page.locator(".meter-prompt").get_by_role("link", name=says["join"])).to_be_visible()
    expect(page.locator(".article-body p").first).to_be_visible()  # the preview
    assert last not in page.content()
    assert page.locator(".meter-remaining").count() == 0


def metered_articles(stack, count: int) -> list[tuple[str, str]]:
    """Metered articles of our own beyond the demo's four, by an author of their own and dated
    long ago so the demo's pages (and their screenshots) do not list them; (slug, last
    sentence) of each."""
    label = secrets_token()
    body = "The opening.\n\nThe background.\n\nThe closing paragraph, for those within the meter."
    django_shell(
        stack,
        f"""
        from datetime import UTC, datetime
        from ayni.newsroom.models import Article, Author
        from ayni.newsroom.services.articles import publish_article, save_article
        author = Author.objects.create(name="Journey Writer", slug="journey-{label}")
        for number in range({count}):
            article = Article(language="en", slug=f"metered-{{number}}-{label}",
                              title=f"Metered {{number}}", visibility="metered",
                              standfirst="An article the meter counts.", body={body!r})
            save_article(article=article, authors=[author])
            publish_article(article=article)
        Article.objects.filter(slug__endswith="-{label}").update(
            published_at=datetime(2001, 1, 1, tzinfo=UTC))
        """,
    )
    return [(f"metered-{n}-{label}", "The closing paragraph") for n in range(count)]


def test_a_reader_meets_the_meter_subscribes_and_reads_on_until_the_members_prompt(stack, browse):
    more = metered_articles(stack, 3)
    wait_for_news_index(stack)  # the screenshot's similar stories listed, as in every run
    page = browse()
    *free, (gated, gated_last) = METERED["en"]

    for left, (slug, last) in zip([2, 1, 0], free, strict=True):
        read_within_the_meter(page, "en", slug, last, left)
    meet_the_meter(page, "en", gated, gated_last)
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "ayni_meter"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    screenshot(page, "news-meter-en.png")

    page.locator(".meter-prompt").get_by_role("link", name="Subscribe for free").click()
    article = f"/en/news/{gated}/"
    expect(page).to_have_url(f"{stack.url}/en/members/subscribe/?next={quote(article, safe='')}")
    subscribe_and_confirm(page, stack, email=unique_email("metered"), name="Nina Reader")

    expect(page).to_have_url(f"{stack.url}{article}")
    expect(page.locator(".article-body")).to_contain_text(gated_last)
    expect(page.locator(".meter-prompt")).to_have_count(0)
    expect(page.locator(".meter-remaining")).to_have_text(SAYS["en"]["left"][2])
    *within, (last_slug, last_text) = more
    for left, (slug, text) in zip([1, 0], within, strict=True):
        read_within_the_meter(page, "en", slug, text, left)

    page.goto(f"/en/news/{last_slug}/")
    expect(page.locator(".meter-prompt h2")).to_have_text("You have reached the free limit")
    expect(page.locator(".meter-prompt p").first).to_have_text(SAYS["en"]["members"])
    join = page.locator(".meter-prompt").get_by_role("link", name="Become a member or sign in")
    expect(join).to_have_attribute(
        "href", f"/en/members/join/?next={quote(f'/en/news/{last_slug}/', safe='')}"
    )
    assert page.locator(".meter-prompt").get_by_role("link", name="Subscribe for free").count() == 0
    assert last_text not in page.content()


def test_a_spanish_reader_meets_the_meter_on_spanish_articles(stack, browse):
    wait_for_news_index(stack)
    page = browse(locale="es-ES")
    *free, (gated, gated_last) = METERED["es"]

    for left, (slug, last) in zip([2, 1, 0], free, strict=True):
        read_within_the_meter(page, "es", slug, last, left)
    meet_the_meter(page, "es", gated, gated_last)

    subscribe = page.locator(".meter-prompt").get_by_role("link", name="Suscríbete gratis")
    expect(subscribe).to_have_attribute(
        "href", f"/es/members/subscribe/?next={quote(f'/es/news/{gated}/', safe='')}"
    )
    screenshot(page, "news-meter-es.png")
