"""What the newsroom adds to the site (collected by ayni.core.registry)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ayni.core.registry import Contribution, HomeBlock, NavEntry, PeriodicJob, PrivacyNote
from ayni.core.roles import MODERATOR
from ayni.newsroom.enums import CallToAction

contribution = Contribution(
    nav=NavEntry(label=_("News"), url_name="newsroom:index", order=40),
    home_blocks=(
        HomeBlock(
            template="newsroom/_home_block.html",
            context="ayni.newsroom.home.news_block",
            order=40,
        ),
    ),
    sitemaps={"news": "ayni.newsroom.sitemaps.ArticleSitemap"},
    demo="ayni.newsroom.demo.seed_demo",
    periodic_jobs=(
        # Scheduled articles go public within a minute of their moment.
        PeriodicJob("newsroom.publish_due", "ayni.newsroom.tasks.periodic_publish_due", 60),
        # Articles saved since they were last indexed: found and compared within the minute.
        PeriodicJob("newsroom.index_articles", "ayni.newsroom.tasks.periodic_index_articles", 30),
        # The comments' confirmation emails; it feeds the queue.
        PeriodicJob(
            "newsroom.dispatch_comment_emails",
            "ayni.newsroom.tasks.periodic_dispatch_comment_emails",
            "EMAIL_DISPATCH_INTERVAL",
            feeds_queue=True,
        ),
        PeriodicJob(
            "newsroom.sweep_comment_emails", "ayni.newsroom.tasks.periodic_sweep_comment_emails", 60
        ),
        # A comment newly waiting for a moderator: one notice per moderator, each its own
        # outbox row, sent by the dispatch after it (declared after, so it runs after).
        PeriodicJob(
            "newsroom.tell_moderators",
            "ayni.newsroom.tasks.periodic_tell_moderators",
            60,
            feeds_queue=True,
        ),
        # The meter keeps nothing older than its window (reads, IP hashes, empty readers).
        PeriodicJob("newsroom.purge_meter", "ayni.newsroom.tasks.periodic_purge_meter", 3600),
        PeriodicJob(
            "newsroom.dispatch_moderator_notices",
            "ayni.newsroom.tasks.periodic_dispatch_moderator_notices",
            "EMAIL_DISPATCH_INTERVAL",
            feeds_queue=True,
        ),
        PeriodicJob(
            "newsroom.sweep_moderator_notices",
            "ayni.newsroom.tasks.periodic_sweep_moderator_notices",
            60,
        ),
    ),
    # What `manage.py rebuild_text_index article` indexes: every published article.
    text_index={"article": "ayni.newsroom.indexing.text_documents"},
    # What the meter keeps about readers, on the privacy page.
    privacy_notes=(
        PrivacyNote("newsroom/_privacy_meter.html", "ayni.newsroom.meter.privacy_context"),
    ),
    # A commenter's own pages (their links): kept out of search engines (robots.txt).
    private_paths=("news/c/",),
    # What an article's call to action may lead to: each app's own selector of its public page
    # by address (the apps' selectors are the door between apps; no model is imported).
    link_targets={
        CallToAction.STATEMENT: "ayni.statements.selectors.public_statement",
        CallToAction.EVENT: "ayni.events.selectors.public_event",
        CallToAction.MOTION: "ayni.motions.selectors.public_motion",
    },
    role_grants={
        # Moderators read everything of the newsroom and review its comments (approve, reject,
        # edit, ban); writing and publishing articles is the organisers'.
        MODERATOR: Q(codename__startswith="view_")
        | Q(codename__in=["change_comment", "add_commentban", "delete_commentban"]),
    },
)
