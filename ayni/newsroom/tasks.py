"""The newsroom's background work: publishing the scheduled articles when they are due, and
keeping the text index (search, similar stories) up to date with the articles, and
sending the comments' emails, and forgetting the meter's rows older than its window. Tasks take ids and are safe to run twice."""

from __future__ import annotations

from django_tasks import task

from ayni.core.tasks import retried
from ayni.newsroom import indexing, meter
from ayni.newsroom.models import Comment, ModeratorNotice
from ayni.newsroom.services import articles, comment_emails, moderation
from ayni.newsroom.services import meter as meter_services
from ayni.supporters import outbox


def periodic_publish_due() -> int:
    """Publish the scheduled articles whose moment has come (periodic job; idempotent)."""
    return articles.publish_due_articles()


def periodic_index_articles() -> int:
    """Bring the text index up to date with the articles saved since (periodic job)."""
    return indexing.index_changed_articles()


@task(queue_name="email")
@retried
def task_send_comment_emails(comment_ids: list[int]) -> dict[str, int]:
    return outbox.send_batch(comment_ids, comment_emails.send_comment_email)


def periodic_dispatch_comment_emails() -> int:
    """Queue the comments' due emails, oldest first (periodic job)."""
    return outbox.dispatch_due(Comment, task_send_comment_emails.enqueue)


def periodic_sweep_comment_emails() -> int:
    return outbox.sweep_stuck(Comment)


def periodic_tell_moderators() -> int:
    """Queue a notice to each moderator about each comment newly waiting (periodic job)."""
    return moderation.tell_moderators()


def periodic_purge_meter() -> int:
    """Delete the meter's reads, reads by IP hash and empty readers older than its window."""
    return meter_services.purge_meter(before=meter.window_start())


@task(queue_name="email")
@retried
def task_send_moderator_notices(notice_ids: list[int]) -> dict[str, int]:
    return outbox.send_batch(notice_ids, comment_emails.send_moderator_notice)


def periodic_dispatch_moderator_notices() -> int:
    """Queue the moderators' due notices, oldest first (periodic job)."""
    return outbox.dispatch_due(ModeratorNotice, task_send_moderator_notices.enqueue)


def periodic_sweep_moderator_notices() -> int:
    return outbox.sweep_stuck(ModeratorNotice)
