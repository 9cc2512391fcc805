"""The newsroom in real Chromium: a video in an article loads nothing from its host until the
reader clicks, and then only its player (the page's CSP frames that origin alone); the news
works without JavaScript. A reader's way through the meter is test_reader_journeys.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import django_shell, secrets_token

pytestmark = pytest.mark.browser


def new_article(stack, label: str, body: str) -> str:
    """A published article of our own, by an author of its own and dated long ago, so the
    demo's pages (and their screenshots) do not list it; its address."""
    slug = f"{label}-{secrets_token()}"
    django_shell(
        stack,
        f"""
        from datetime import UTC, datetime
        from ayni.newsroom.models import Article, Author
        from ayni.newsroom.services.articles import publish_article, save_article
        author = Author.objects.create(name="Journey Writer", slug="journey-{slug}")
        article = Article(language="en", slug={slug!r}, title="Journey {slug}",
                          standfirst="An article a browser journey made.", body={body!r})
        save_article(article=article, authors=[author])
        publish_article(article=article)
        Article.objects.filter(pk=article.pk).update(published_at=datetime(2001, 1, 1, tzinfo=UTC))
        """,
    )
    return f"/en/news/{slug}/"


def test_a_video_in_an_article_loads_nothing_from_its_host_until_clicked(stack, browse):
    path = new_article(stack, "video", "Watch it:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page = browse()
    refused: list[str] = []
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: (refused.append(route.request.url), route.fulfill(body=""))[-1],
    )
    page.goto(path)
    expect(page.locator(".recording-embed")).to_contain_text(
        "Playing it loads the video from www.youtube-nocookie.com"
    )
    assert page.locator("iframe").count() == 0

    page.get_by_role("link", name="Play the video").click()

    frame = page.locator(".recording-embed iframe")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    assert refused == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"]
    browse.log(page).hosts.discard("www.youtube-nocookie.com")


def test_the_news_works_without_javascript(stack, browse):
    page = browse(js=False)
    page.goto("/en/")
    page.get_by_role("link", name="News", exact=True).click()
    expect(page.locator("main h1")).to_have_text("News")

    page.locator(".news-sections").get_by_role("link", name="Opinion", exact=True).click()
    expect(page.locator(".news-sections [aria-current]")).to_have_text("Opinion")
    page.locator(".article-item h2 a").first.click()
    expect(page.locator(".article-body")).to_be_visible()
    page.locator(".byline a").first.click()
    expect(page.locator(".author-header h1")).to_be_visible()
