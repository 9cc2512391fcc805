"""The newsroom's background work: publishing the scheduled articles when they are due, and
keeping the text index (search, similar stories) up to date with the articles."""

from __future__ import annotations

from ayni.newsroom import indexing
from ayni.newsroom.services import articles


def periodic_publish_due() -> int:
    """Publish the scheduled articles whose moment has come (periodic job; idempotent)."""
    return articles.publish_due_articles()


def periodic_index_articles() -> int:
    """Bring the text index up to date with the articles saved since (periodic job)."""
    return indexing.index_changed_articles()
