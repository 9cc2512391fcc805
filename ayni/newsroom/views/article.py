"""An article's page and its share card.

A gated article (members only, metered) is read in full by whom the meter lets
(ayni.newsroom.meter); everyone else gets its standfirst and first paragraphs and a prompt: the
rest is not rendered, so it is in no response (no hiding by CSS). Such a page differs by
reader, so no cache keeps it (private, no-store, Vary: Cookie) and it has no validator a 304
could answer. Its structured data says it is gated (isAccessibleForFree false, the gated part
marked), so search engines do not take the preview for cloaking.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from ayni.core.campaign import current_campaign
from ayni.core.card_cache import card_response
from ayni.core.clientip import client_ip_hash
from ayni.core.context_processors import OG_LOCALES, LanguageVersion
from ayni.core.markdown import render_markdown
from ayni.core.middleware import content_security_policy
from ayni.core.pow import UNFINISHED, challenge_response, verify_and_spend
from ayni.newsroom import meter, selectors, share_card
from ayni.newsroom.body import render_body
from ayni.newsroom.enums import CommentStatus
from ayni.newsroom.forms import CommentForm
from ayni.newsroom.models import Article
from ayni.newsroom.services import comments
from ayni.newsroom.views import comments as comment_views
from ayni.newsroom.views.common import language

# The element the JSON-LD names as the part only some readers get.
GATED_SELECTOR = ".article-gated"
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class ArticleLanguages:
    """The language switch of an article's page: each language leads to the article's version
    in it, else to that language's news page. `alternates` are the versions that exist (the
    <head>'s hreflang links)."""

    versions: list[LanguageVersion]
    alternates: list[LanguageVersion]

    @property
    def current(self) -> LanguageVersion | None:
        return next((v for v in self.versions if v.current), None)

    @property
    def others(self) -> list[LanguageVersion]:
        return [v for v in self.alternates if not v.current]


def _languages(article: Article, others: list[Article]) -> ArticleLanguages:
    by_language = {a.language: a for a in [article, *others]}
    versions, alternates = [], []
    for code, _name in settings.LANGUAGES:
        found = by_language.get(code)
        if found is not None:
            path = found.get_absolute_url()
        else:
            with translation.override(code):
                path = reverse("newsroom:index")
        version = LanguageVersion(
            code=code,
            name=capfirst(translation.get_language_info(code)["name_local"]),
            path=path,
            url=settings.SITE_URL + path,
            og_locale=OG_LOCALES.get(code, code),
            current=code == article.language,
        )
        versions.append(version)
        if found is not None:
            alternates.append(version)
    return ArticleLanguages(versions=versions, alternates=alternates)


def structured_data(article: Article, *, url: str, image: str) -> str:
    """schema.org NewsArticle as JSON-LD, escaped to sit in a <script> data block."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.standfirst,
        "inLanguage": article.language,
        "url": url,
        "mainEntityOfPage": url,
        "image": [image],
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "articleSection": str(article.get_section_display()),
        "keywords": [tag.text("name", article.language) for tag in article.tags.all()],
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": settings.SITE_URL + byline.author.get_absolute_url(),
            }
            for byline in article.bylines.all()
        ],
        "publisher": {"@type": "Organization", "name": current_campaign().name},
        "isAccessibleForFree": not article.is_gated,
    }
    if article.is_gated:
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": GATED_SELECTOR,
        }
    return json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)


def _page_context(
    request: HttpRequest,
    article: Article,
    verdict: meter.Verdict,
    comment_form: CommentForm | None = None,
) -> dict[str, Any]:
    body = render_body(article.body, preview=not verdict.full)
    others = selectors.translations(article)
    url = settings.SITE_URL + article.get_absolute_url()
    if article.featured_image:
        image = settings.SITE_URL + article.featured_image.url
        card: dict[str, str] = {}
    else:
        image = settings.SITE_URL + reverse("newsroom:card", kwargs={"slug": article.slug})
        card = {"card_url": image, "card_alt": share_card.card_alt(article)}
    return {
        "article": article,
        "body": body,
        "gated": article.is_gated,
        "meter": verdict,
        **(meter.prompt_links(article) if verdict.prompt else {}),
        "bylines": list(article.bylines.all()),
        "tags": list(article.tags.all()),
        "translations": others,
        "page_languages": _languages(article, others),
        "canonical_url": article.canonical_url or url,
        "share_url": url,
        "corrections_html": render_markdown(article.corrections),
        "call_to_action": selectors.call_to_action(article),
        "more_from_authors": selectors.more_from_authors(article),
        "similar_stories": selectors.similar_stories(article),
        "structured_data": structured_data(article, url=url, image=image),
        **card,
        **comment_views.thread_context(request, article, comment_form),
    }


def _render(request: HttpRequest, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    response = render(request, "newsroom/article_detail.html", context, status=status)
    meter.finish_response(request, response, context["meter"])
    origins = context["body"].embed_origins
    if origins:
        # The players the reader may click to load: their origins, and only on this page.
        response["Content-Security-Policy"] = content_security_policy(frame_src=origins)
    return response


def _may_preview(request: HttpRequest) -> bool:
    """A draft's page for the back office: staff who may change articles."""
    user = request.user
    return "preview" in request.GET and user.is_staff and user.has_perm("newsroom.change_article")


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if _may_preview(request):
        return article_preview(request, slug)
    article = selectors.article_for_page(language(), slug)
    if article is None:
        raise Http404
    verdict = meter.meter_article(request, article)
    return _render(request, _page_context(request, article, verdict))


@never_cache
def article_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The article's page as the public will see it, for those who may change articles (the
    caller checks), whatever its state, under a banner."""
    article = selectors.article_for_page(language(), slug, include_drafts=True)
    if article is None:
        raise Http404
    context = _page_context(request, article, meter.as_the_public_sees(article))
    context["preview"] = True
    return _render(request, context)


@require_POST
def comment_post(request: HttpRequest, slug: str) -> HttpResponse:
    """The "Leave a reply" form. A published comment leads to itself on the page; a held one
    to a page that says what happens next (a bot gets the same as a first comment)."""
    article = selectors.article_for_page(language(), slug)
    if article is None:
        raise Http404
    form = CommentForm(request.POST)
    if form.is_bot:
        return redirect("newsroom:comment_sent", slug=slug, step="sent")
    if form.is_valid() and not _challenge_met(form, article):
        form.add_error(None, UNFINISHED)
    elif form.is_valid():
        data = form.cleaned_data
        parent = None
        if data["parent"]:
            parent = selectors.reply_target(article, data["parent"])
        try:
            if data["parent"] and parent is None:
                raise ValidationError(comments.NO_REPLY_TARGET, code="parent")
            comment = comments.post_comment(
                article=article,
                name=data["name"],
                email=data["email"],
                text=data["text"],
                language=language(),
                parent=parent,
                ip_hash=client_ip_hash(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if comment.status == CommentStatus.PUBLISHED:
                return redirect(comment.get_absolute_url())
            step = "sent" if comment.confirmed_at is None else "held"
            return redirect("newsroom:comment_sent", slug=slug, step=step)
    full = selectors.article_for_page(language(), slug)
    if full is None:
        raise Http404
    verdict = meter.meter_article(request, full)
    return _render(request, _page_context(request, full, verdict, form), status=422)


def _challenge_met(form: CommentForm, article: Article) -> bool:
    """The proof-of-work answered, when COMMENT_REQUIRE_CHALLENGE asks for it (spent once)."""
    if not settings.COMMENT_REQUIRE_CHALLENGE:
        return True
    return verify_and_spend(form.cleaned_data["altcha"], scope=_challenge_scope(article))


def _challenge_scope(article: Article) -> str:
    return f"comment:{article.pk}"


@require_safe
def comment_challenge(request: HttpRequest, slug: str) -> HttpResponse:
    """A fresh proof-of-work challenge for the comment form (only when it asks for one)."""
    article = selectors.article_for_page(language(), slug)
    if article is None or not settings.COMMENT_REQUIRE_CHALLENGE:
        raise Http404
    if not comments.comments_open(article):
        raise Http404
    return challenge_response(_challenge_scope(article))


@require_safe
def article_card(request: HttpRequest, slug: str) -> HttpResponse:
    """The article's share card (og:image): a PNG, conditional (ETag)."""
    article = selectors.article_for_page(language(), slug)
    if article is None:
        raise Http404
    return card_response(request, share_card.article_card(article))
