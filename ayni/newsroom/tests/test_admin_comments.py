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


def test_a_commenters_address_is_shown_in_full_only_to_organisers(client_for):
    held = comment(published(), email="Nina.Reyes@example.org", status=CommentStatus.HELD)
    url = reverse("admin:newsroom_comment_change", args=[held.pk])

    responses = assert_access(
        client_for,
        url,
        "get",
        {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 200, "moderator": 200, "organiser": 200},
    )

    pages = {persona: responses[persona].content.decode() for persona in responses}
    assert "Nina.Reyes@example.org" in pages["organiser"]
    for persona in ("viewer", "moderator"):
        assert "Nina.Reyes@example.org" not in pages[persona]
        assert "nina.reyes" not in pages[persona].lower()
        assert "N…@e….org" in pages[persona]


def test_only_organisers_find_a_comment_by_its_address(client_for):
    comment(published(), email="nina@example.org", text="Found by address")

    found = {
        persona: "Found by address"
        in client_for(persona).get(LIST, {"q": "nina@example.org"}).content.decode()
        for persona in ("viewer", "moderator", "organiser")
    }

    assert found == {"viewer": False, "moderator": False, "organiser": True}


def test_banned_addresses_are_masked_for_moderators(client_for):
    ban = CommentBan.objects.create(email_normalised="troll@example.org")
    pages = {
        persona: client_for(persona).get(url).content.decode()
        for persona in ("moderator", "organiser")
        for url in [reverse("admin:newsroom_commentban_changelist")]
    }
    change = client_for("moderator").get(reverse("admin:newsroom_commentban_change", args=[ban.pk]))

    assert "troll@example.org" in pages["organiser"]
    assert "troll@example.org" not in pages["moderator"]
    assert "t…@e….org" in pages["moderator"]
    assert change.status_code == 200
    assert "troll@example.org" not in change.content.decode()
    assert "t…@e….org" in change.content.decode()


def test_a_moderator_still_bans_an_address_by_typing_it(client_for):
    client = client_for("moderator")

    client.post(reverse("admin:newsroom_commentban_add"), {"email_normalised": "spam@example.org"})

    assert CommentBan.objects.filter(email_normalised="spam@example.org").exists()
