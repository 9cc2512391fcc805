"""Comments for the tests, as the services would leave them."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ayni.newsroom.enums import CommentHold, CommentStatus
from ayni.newsroom.models import Article, Comment
from ayni.supporters.normalise import normalise_email


def comment(
    article: Article,
    *,
    email: str = "reader@example.org",
    status: str = CommentStatus.PUBLISHED,
    **fields: Any,
) -> Comment:
    """A comment on `article`: published (its address confirmed) unless `status` says else."""
    now = timezone.now()
    values: dict[str, Any] = {
        "name": "Rosa Reader",
        "text": "A thoughtful comment.",
        "confirmed_at": now,
        "published_at": now if status in (CommentStatus.PUBLISHED, CommentStatus.REMOVED) else None,
        "held_because": CommentHold.FIRST if status == CommentStatus.HELD else "",
        **fields,
    }
    return Comment.objects.create(
        article=article,
        email=email,
        email_normalised=normalise_email(email),
        status=status,
        **values,
    )
