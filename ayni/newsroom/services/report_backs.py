"""An event's report-back in the news: an article of the report-back section in each language
the report-back is written in (the Spanish one a translation of the English), bylined by the
campaign, its call to action the event, its body the report-back, the attendance, a "Key
points" section (each speaker with their role, affiliation and key points, in the panel's
order) and the linked statements as the event's page shows them, the follow-up actions and
the recording (a click-to-load video), published at the report-back's time.

The events tell (events.services.signals.report_back_changed, received in receivers.py) and
the newsroom reads the report-back through the events' selector; the events never call the
newsroom (the reason is in that signal's module). Each article is keyed by its event and
language (`source_event_id`, unique per language), so publishing again, editing, or a second
signal updates the same article, and a report-back no longer shown (the event cancelled or
deleted, a language's text removed) takes its article back to a draft. The text is the
event's: the fields it decides (FROM_EVENT) are read-only on such an article in the back
office, which names the event where they are written (admin.py); its byline and tags are the
organisers' to change and are kept.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ayni.core.campaign import current_campaign
from ayni.core.markdown import markdown_text
from ayni.core.validators import CONTROL_CHARS
from ayni.events import selectors as events
from ayni.newsroom.enums import ArticleState, CallToAction, Section, Visibility
from ayni.newsroom.models import Article, Author
from ayni.newsroom.services.articles import free_slug, save_article

logger = logging.getLogger(__name__)

# The fields the event's report-back decides; anything else on the article is left as it is.
FROM_EVENT = (
    "title",
    "standfirst",
    "body",
    "section",
    "visibility",
    "cta_kind",
    "cta_slug",
    "translation_of_id",
    "state",
    "published_at",
    "publish_at",
)
SPACES = re.compile(r"\s+")


def _plain(text: str, limit: int) -> str:
    """`text` as an article's plain single-line field takes it: no control characters or
    markup signs, one line, at most `limit` characters."""
    text = CONTROL_CHARS.sub("", text).replace("\ufffd", "").replace("<", "‹").replace(">", "›")
    text = SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def campaign_author() -> Author:
    """The campaign as an author (its name, an address made from it): the byline of the
    articles the site writes itself. Made the first time; organisers may add a role, bio and
    photo in the back office, or byline an article to someone else."""
    name = _plain(current_campaign().name, 120) or "ayni"
    slug = slugify(name)[:80].strip("-") or "campaign"
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        author = Author(name=name, slug=slug)
        author.full_clean()
        author.save()
    return author


def _speaker(speaker: events.SpeakerPoints) -> list[str]:
    """A speaker's name as a heading, their role and affiliation, and their key points."""
    role = speaker.role
    if speaker.affiliation.strip():
        # Translators: beneath a speaker's name in a report-back article ("Chair — MP for Hayes").
        role = _("%(role)s — %(affiliation)s") % {
            "role": speaker.role,
            "affiliation": speaker.affiliation,
        }
    return ["### " + markdown_text(speaker.name), markdown_text(role), speaker.key_points.strip()]


def _body(report: events.PublishedReportBack, text: events.ReportBackText) -> str:
    """The article's Markdown, in the active language: the report-back, the attendance, each
    speaker's key points and the linked statements (as the event's page shows them), the
    follow-up actions and the recording (its address alone on a line: a click-to-load video).
    Names and titles are written as text (core.markdown.markdown_text): a sign in a speaker's
    name is neither Markdown nor HTML."""
    parts = [text.report_back.strip()]
    if report.attendance:
        parts.append(
            ngettext(
                "%(count)d person took part.", "%(count)d people took part.", report.attendance
            )
            % {"count": report.attendance}
        )
    if text.key_points:
        parts.append("## " + _("Key points"))
        parts += [part for speaker in text.key_points for part in _speaker(speaker)]
    if text.statements:
        links = [f"- [{markdown_text(s.title)}]({s.url})" for s in text.statements]
        parts += ["## " + _("Statements"), "\n".join(links)]
    if text.follow_up.strip():
        parts += ["## " + _("What to do next"), text.follow_up.strip()]
    if report.recording_url:
        parts += ["## " + _("The recording"), report.recording_url]
    return "\n\n".join(parts) + "\n"


def _fill(
    article: Article,
    report: events.PublishedReportBack,
    text: events.ReportBackText,
    original: Article | None,
    moment: datetime,
) -> None:
    title_limit = Article._meta.get_field("title").max_length or 200
    standfirst_limit = Article._meta.get_field("standfirst").max_length or 400
    article.title = _plain(_("Report-back: %(event)s") % {"event": text.title}, title_limit)
    article.standfirst = _plain(text.summary, standfirst_limit)
    article.body = _body(report, text)
    article.section = Section.REPORT_BACK
    article.visibility = Visibility.PUBLIC
    article.cta_kind, article.cta_slug = CallToAction.EVENT, report.slug
    article.translation_of = original
    article.state = ArticleState.PUBLISHED
    article.published_at = article.publish_at = moment


def _hide(article: Article) -> None:
    if article.state != ArticleState.DRAFT:
        article.state = ArticleState.DRAFT
        article.save(update_fields=["state", "updated_at"])
        logger.info("Report-back article %s/%s back to draft", article.language, article.slug)


def sync_report_back(*, event_id: int) -> list[Article]:
    """Make the newsroom agree with the event's report-back (events.selectors
    .published_report_back). Side effects: for each language it is written in, its article
    made (a new address from its title; bylined by the campaign) or updated, published at the
    report-back's time; the Spanish one a translation of the English; an article of a language
    no longer written, or of a report-back no longer shown, back to a draft. An article that
    already agrees is not saved. Safe to call twice. Returns the published articles."""
    report = events.published_report_back(event_id)
    with transaction.atomic():
        existing = {
            article.language: article
            for article in Article.objects.select_for_update().filter(source_event_id=event_id)
        }
        if report is None:
            for gone in existing.values():
                _hide(gone)
            return []
        shown: list[Article] = []
        original: Article | None = None
        # A language with no text first: its article may be the original the others pointed to.
        for language, _name in sorted(settings.LANGUAGES, key=lambda pair: pair[0] in report.texts):
            current = existing.get(language)
            text = report.texts.get(language)
            if text is None:
                if current is not None:
                    _hide(current)
                continue
            shown.append(_publish(current, report, text, language=language, original=original))
            original = original or shown[-1]
    logger.info("Event %s's report-back: %d article(s) shown", event_id, len(shown))
    return shown


def _publish(
    article: Article | None,
    report: events.PublishedReportBack,
    text: events.ReportBackText,
    *,
    language: str,
    original: Article | None,
) -> Article:
    new = article is None
    if article is None:
        article = Article(language=language, source_event_id=report.event_id)
    before = [getattr(article, name) for name in FROM_EVENT]
    with translation.override(language):
        _fill(article, report, text, original, report.published_at)
    if new:
        article.slug = free_slug(title=article.title, language=language)
    elif [getattr(article, name) for name in FROM_EVENT] == before:
        return article
    authors = [campaign_author()] if new or not article.bylines.exists() else None
    return save_article(article=article, authors=authors)
