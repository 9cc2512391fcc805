"""The demo's comments: a thread under the report-back in each language, replies under their
comment, one comment waiting for a moderator and not shown."""

from __future__ import annotations

import pytest

from ayni.newsroom import demo
from ayni.newsroom.demo.seeds import REPORT_BACK
from ayni.newsroom.enums import CommentHold, CommentStatus
from ayni.newsroom.models import Article, Comment

pytestmark = pytest.mark.django_db


def test_the_demo_has_comments_one_held_and_shows_the_rest(client):
    demo.seed_demo()

    statuses = sorted(Comment.objects.values_list("status", "held_because"))
    held = Comment.objects.get(status=CommentStatus.HELD)
    article = Article.objects.get(language="en", slug=REPORT_BACK["en"]["slug"])
    page = client.get(article.get_absolute_url()).content.decode()

    assert (
        statuses == [(CommentStatus.HELD, CommentHold.FIRST)] + [(CommentStatus.PUBLISHED, "")] * 5
    )
    assert Comment.objects.filter(parent__isnull=False).count() == 2
    assert "3 thoughts on" in page
    assert held.text not in page
    assert all(c.published_at.year == 2022 for c in Comment.objects.exclude(pk=held.pk))
