"""The comments' back office: who sees and changes them, the list's actions, editing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ayni.newsroom.enums import CommentStatus
from ayni.newsroom.models import Comment, CommentBan
from ayni.newsroom.tests.comment_factories import comment
from ayni.newsroom.tests.factories import published
from tests.access import LOGIN, assert_access

pytestmark = pytest.mark.django_db

LIST = reverse("admin:newsroom_comment_changelist")


def test_the_comment_list_by_persona(client_for):
    comment(published(), text="Visible to staff", status=CommentStatus.HELD)

    responses = assert_access(
        client_for,
        LIST,
        "get",
        {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 200, "moderator": 200, "organiser": 200},
    )

    assert "Visible to staff" in responses["moderator"].content.decode()


def test_a_viewer_sees_comments_but_cannot_approve_them(client_for):
    held = comment(published(), status=CommentStatus.HELD)

    client_for("viewer").post(LIST, {"action": "approve", "_selected_action": [held.pk]})

    held.refresh_from_db()
    assert held.status == CommentStatus.HELD


def test_a_moderator_approves_rejects_and_bans_from_the_list(client_for):
    article = published()
    held = comment(article, status=CommentStatus.HELD, text="Held")
    public = comment(article, email="troll@example.org", text="Troll")
    client = client_for("moderator")

    client.post(LIST, {"action": "approve", "_selected_action": [held.pk]})
    client.post(LIST, {"action": "ban", "_selected_action": [public.pk]})

    assert dict(Comment.objects.values_list("text", "status")) == {
        "Held": CommentStatus.PUBLISHED,
        "Troll": CommentStatus.REMOVED,
    }
    assert CommentBan.objects.filter(email_normalised="troll@example.org").exists()


def test_a_moderator_edits_a_comments_text_and_bad_text_is_refused(client_for):
    public = comment(published(), text="Tpyo")
    url = reverse("admin:newsroom_comment_change", args=[public.pk])
    client = client_for("moderator")

    bad = client.post(url, {"text": "<script>x</script>"})
    public.refresh_from_db()
    assert public.text == "Tpyo"
    assert "Please do not use the characters &lt; or &gt;." in bad.content.decode()
    client.post(url, {"text": "Typo fixed"})

    public.refresh_from_db()
    assert public.text == "Typo fixed"


def test_nobody_adds_a_comment_in_the_back_office(client_for):
    assert_access(client_for, reverse("admin:newsroom_comment_add"), "get", {"organiser": 403})
