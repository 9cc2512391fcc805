from __future__ import annotations

import pytest

from ayni.newsroom.models import Comment
from ayni.newsroom.tests.comment_factories import comment
from ayni.newsroom.tests.factories import published
from ayni.supporters.services import erase_supporter, export_supporter, upsert_supporter

pytestmark = pytest.mark.django_db


def test_a_supporters_export_lists_their_comments():
    supporter = upsert_supporter(email="ana@example.org", name="Ana")
    comment(published(title="Our news"), email="ana@example.org", supporter=supporter, text="Hi")
    comment(published(), email="other@example.org", text="Not hers")

    data = export_supporter(supporter=supporter)

    assert [(c["article"], c["text"]) for c in data["comments"]] == [("Our news", "Hi")]


def test_erasing_a_supporter_deletes_their_comments_only():
    supporter = upsert_supporter(email="ana@example.org", name="Ana")
    article = published()
    comment(article, email="ana@example.org", supporter=supporter)
    other = comment(article, email="other@example.org")

    erase_supporter(supporter=supporter)

    assert list(Comment.objects.all()) == [other]
