"""The members' back office: every role sees tiers, members, subscriptions and payment
events; organisers grant and change tiers (recorded as theirs); moderators and staff change
nothing; subscriptions and payment events are read only for everyone; bad input refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ayni.members.enums import MemberSource, TierKind
from ayni.members.models import Member, Tier
from ayni.members.services.subscriptions import subscribe
from ayni.members.tests.support import member, tier
from ayni.supporters.services import upsert_supporter
from tests.access import LOGIN, assert_access

pytestmark = pytest.mark.django_db

SEE = {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 200, "moderator": 200, "organiser": 200}
ONLY_ORGANISERS = {
    "anonymous": LOGIN,
    "outsider": LOGIN,
    "viewer": 403,
    "moderator": 403,
    "organiser": 200,
}


@pytest.mark.parametrize("model", ["tier", "member", "subscription", "paymentevent"])
def test_every_role_sees_the_lists(client_for, model):
    assert_access(client_for, reverse(f"admin:members_{model}_changelist"), "get", SEE)


def test_the_members_list_shows_each_member_and_tier(client_for):
    member("walter@example.org", kind=TierKind.SOLIDARITY)
    page = client_for("moderator").get(reverse("admin:members_member_changelist"))
    assert "walter@example.org" in page.content.decode()
    assert "Solidarity tier" in page.content.decode()


def test_only_organisers_add_tiers_and_members(client_for):
    assert_access(client_for, reverse("admin:members_tier_add"), "get", ONLY_ORGANISERS)
    assert_access(client_for, reverse("admin:members_member_add"), "get", ONLY_ORGANISERS)


def test_nobody_adds_or_changes_subscriptions_or_payment_events(client_for):
    subscription = subscribe(email="nina@example.org", name="", language="en")
    for persona in ("organiser", "superuser"):
        client = client_for(persona)
        assert client.get(reverse("admin:members_subscription_add")).status_code == 403
        change = reverse("admin:members_subscription_change", args=[subscription.pk])
        page = client.get(change).content.decode()
        assert 'type="submit" value="Save"' not in page
        assert "ip_hash" not in page


def member_form(supporter_id: int, tier_id: int, **changes: Any) -> dict[str, Any]:
    return {
        "supporter": supporter_id,
        "tier": tier_id,
        "valid_until_0": "",
        "valid_until_1": "",
        **changes,
    }


def test_an_organiser_gives_a_gifted_membership(client_for, organiser):
    gifted = tier(TierKind.GIFTED)
    supporter = upsert_supporter(email="nina@example.org")

    response = client_for("organiser").post(
        reverse("admin:members_member_add"),
        member_form(supporter.pk, gifted.pk, valid_until_0="2027-06-30", valid_until_1="00:00:00"),
    )

    assert response.status_code == 302
    nina = Member.objects.get()
    assert (nina.tier, nina.source, nina.granted_by) == (gifted, MemberSource.ORGANISER, organiser)
    assert timezone.localtime(nina.valid_until).date().isoformat() == "2027-06-30"
    assert nina.supporter.consents.get().purpose == "membership"


def test_an_organiser_changes_a_tier_and_the_change_is_theirs(client_for, organiser):
    rosa = member("rosa@example.org", kind=TierKind.FREE, source=MemberSource.SIGN_UP)
    paid = tier(TierKind.PAID)

    response = client_for("organiser").post(
        reverse("admin:members_member_change", args=[rosa.pk]),
        member_form(rosa.supporter_id, paid.pk),
    )

    assert response.status_code == 302
    rosa.refresh_from_db()
    assert (rosa.tier, rosa.source, rosa.granted_by) == (paid, MemberSource.ORGANISER, organiser)


def test_a_moderator_cannot_change_a_tier(client_for):
    rosa = member("rosa@example.org", kind=TierKind.FREE)
    paid = tier(TierKind.PAID)

    response = client_for("moderator").post(
        reverse("admin:members_member_change", args=[rosa.pk]),
        member_form(rosa.supporter_id, paid.pk),
    )

    assert response.status_code == 403
    rosa.refresh_from_db()
    assert rosa.tier.kind == TierKind.FREE


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tier": ""}, "This field is required."),
        ({"tier": "999999"}, "Select a valid choice."),
        ({"supporter": ""}, "This field is required."),
        ({"valid_until_0": "someday", "valid_until_1": "00:00"}, "Enter a valid date."),
    ],
)
def test_bad_member_input_is_refused(client_for, changes, message):
    free = tier(TierKind.FREE)
    supporter = upsert_supporter(email="nina@example.org")

    response = client_for("organiser").post(
        reverse("admin:members_member_add"), member_form(supporter.pk, free.pk, **changes)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Member.objects.count() == 0


def test_a_second_membership_for_one_supporter_is_refused(client_for):
    rosa = member("rosa@example.org")
    response = client_for("organiser").post(
        reverse("admin:members_member_add"), member_form(rosa.supporter_id, rosa.tier_id)
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Member.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name_en": ""}, "This field is required."),
        ({"kind": "platinum"}, "Select a valid choice."),
        ({"slug": "not a slug!"}, "Enter a valid “slug”"),
        ({"name_en": "<script>alert(1)</script>\n"}, ""),
    ],
)
def test_bad_tier_input_is_refused(client_for, changes, message):
    data = {"slug": "paid", "name_en": "Paid", "name_es": "", "kind": "paid", **changes}
    response = client_for("organiser").post(reverse("admin:members_tier_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Tier.objects.count() == 0


def test_a_tier_in_use_cannot_be_deleted(client_for):
    rosa = member("rosa@example.org")
    response = client_for("organiser").post(
        reverse("admin:members_tier_delete", args=[rosa.tier_id]), {"post": "yes"}
    )
    assert "Cannot delete" in response.content.decode()
    assert Tier.objects.filter(pk=rosa.tier_id).exists()
