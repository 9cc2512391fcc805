"""The newsroom's background work: publishing the scheduled articles when they are due."""

from __future__ import annotations

from ayni.newsroom.services import articles


def periodic_publish_due() -> int:
    """Publish the scheduled articles whose moment has come (periodic job; idempotent)."""
    return articles.publish_due_articles()
