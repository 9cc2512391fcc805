"""The role matrix, exactly: the permissions each back-office group holds.

The groups are built from defaults in ayni.core.roles and each app's `role_grants` (its
platform.py); this pins the result to the matrix documented in ayni/core/roles.py, so a change
of mechanism cannot quietly widen or narrow a role. A new model or app changes it on purpose.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from ayni.core.roles import MODERATOR, ORGANISER, STAFF, ensure_roles

pytestmark = pytest.mark.django_db

SECURITY = {
    "axes.view_accessattempt",
    "axes.view_accessattemptexpiration",
    "axes.view_accessfailurelog",
    "axes.view_accesslog",
}
# Every role sees all of statements.
STATEMENTS_VIEWING = {
    "statements.view_block",
    "statements.view_countdrift",
    "statements.view_countrytally",
    "statements.view_daytally",
    "statements.view_invalidation",
    "statements.view_notablesignatory",
    "statements.view_signature",
    "statements.view_statement",
    "statements.view_statementtally",
    "statements.view_statementtranslation",
    "statements.view_submission",
}
# Every role sees all of events.
EVENT_MODELS = (
    "agendaitem",
    "appearance",
    "event",
    "eventemail",
    "eventmessage",
    "host",
    "registration",
    "speaker",
)
EVENTS_VIEWING = {f"events.view_{model}" for model in EVENT_MODELS}
EVENTS_ALL = (
    EVENTS_VIEWING
    | {f"events.{verb}_{model}" for verb in ("add", "change", "delete") for model in EVENT_MODELS}
    | {
        "events.check_in_registrations",
        "events.export_registrations",
        "events.message_registrants",
    }
)
# Every role sees all of motions.
MOTION_MODELS = (
    "adoption",
    "adoptionemail",
    "body",
    "commitment",
    "forwarding",
    "motion",
    "motionversion",
    "organisation",
)
MOTIONS_VIEWING = {f"motions.view_{model}" for model in MOTION_MODELS}
MOTIONS_ALL = (
    MOTIONS_VIEWING
    | {f"motions.{verb}_{model}" for verb in ("add", "change", "delete") for model in MOTION_MODELS}
    | {"motions.moderate_adoptions", "motions.export_adoptions"}
)
# Every role sees all of the newsroom; organisers write and publish; moderators review
# comments and ban addresses.
NEWSROOM_MODELS = (
    "article",
    "articleauthor",
    "author",
    "tag",
    "comment",
    "commentban",
    "commentreport",
    "moderatornotice",
)
NEWSROOM_MODERATING = {
    "newsroom.change_comment",
    "newsroom.add_commentban",
    "newsroom.delete_commentban",
}
NEWSROOM_VIEWING = {f"newsroom.view_{model}" for model in NEWSROOM_MODELS}
# Only organisers see commenters' addresses in full; the others see them masked.
NEWSROOM_ALL = (
    NEWSROOM_VIEWING
    | {
        f"newsroom.{verb}_{model}"
        for verb in ("add", "change", "delete")
        for model in NEWSROOM_MODELS
    }
    | {"newsroom.see_commenter_email"}
)
# Every role sees the members' tiers, members, subscriptions and payment events; organisers
# grant and change memberships (sign-in links and browsers' sessions are nobody's to see).
MEMBERS_MODELS = ("member", "paymentevent", "subscription", "tier")
MEMBERS_VIEWING = {f"members.view_{model}" for model in MEMBERS_MODELS}
MEMBERS_ALL = MEMBERS_VIEWING | {
    f"members.{verb}_{model}" for verb in ("add", "change", "delete") for model in MEMBERS_MODELS
}
ORGANISER_PERMISSIONS = (
    EVENTS_ALL
    | MOTIONS_ALL
    | NEWSROOM_ALL
    | MEMBERS_ALL
    | (
        SECURITY
        | STATEMENTS_VIEWING
        | {
            "core.change_campaign",
            "core.view_campaign",
            "core.view_periodicrun",
            "core.view_spentchallenge",
            "core.view_textdocument",
            "core.view_textfloor",
            "core.view_textneighbour",
            "core.view_textposting",
            "core.view_textterm",
            "core.view_workerheartbeat",
            "django_tasks_database.view_dbtaskresult",
            "statements.add_block",
            "statements.add_countdrift",
            "statements.add_countrytally",
            "statements.add_daytally",
            "statements.add_invalidation",
            "statements.add_notablesignatory",
            "statements.add_signature",
            "statements.add_statement",
            "statements.add_statementtally",
            "statements.add_statementtranslation",
            "statements.add_submission",
            "statements.change_block",
            "statements.change_countdrift",
            "statements.change_countrytally",
            "statements.change_daytally",
            "statements.change_invalidation",
            "statements.change_notablesignatory",
            "statements.change_signature",
            "statements.change_statement",
            "statements.change_statementtally",
            "statements.change_statementtranslation",
            "statements.change_submission",
            "statements.delete_block",
            "statements.delete_countdrift",
            "statements.delete_countrytally",
            "statements.delete_daytally",
            "statements.delete_invalidation",
            "statements.delete_notablesignatory",
            "statements.delete_signature",
            "statements.delete_statement",
            "statements.delete_statementtally",
            "statements.delete_statementtranslation",
            "statements.delete_submission",
            "statements.export_signatures",
            "statements.invalidate_signatures",
            "supporters.add_consent",
            "supporters.add_supporter",
            "supporters.add_tag",
            "supporters.change_consent",
            "supporters.change_supporter",
            "supporters.change_tag",
            "supporters.delete_consent",
            "supporters.delete_supporter",
            "supporters.delete_tag",
            "supporters.view_consent",
            "supporters.view_supporter",
            "supporters.view_tag",
        }
    )
)

MODERATOR_PERMISSIONS = (
    SECURITY
    | STATEMENTS_VIEWING
    | EVENTS_VIEWING
    | MOTIONS_VIEWING
    | NEWSROOM_VIEWING
    | NEWSROOM_MODERATING
    | MEMBERS_VIEWING
    | {
        "events.check_in_registrations",
        "motions.change_body",
        "motions.change_forwarding",
        "motions.moderate_adoptions",
        "statements.add_block",
        "statements.change_signature",
        "statements.invalidate_signatures",
    }
)
STAFF_PERMISSIONS = (
    SECURITY
    | STATEMENTS_VIEWING
    | EVENTS_VIEWING
    | MOTIONS_VIEWING
    | NEWSROOM_VIEWING
    | MEMBERS_VIEWING
    | {
        "core.view_campaign",
        "supporters.view_consent",
        "supporters.view_supporter",
        "supporters.view_tag",
    }
)


# Apps installed only for the tests (tests/settings.py) register themselves like any app; the
# product's matrix is pinned without them.
TEST_ONLY_APPS = {"pledges"}


def permissions(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.all()
        if p.content_type.app_label not in TEST_ONLY_APPS
    }


def test_a_registered_app_gets_the_default_grants_without_naming_itself_in_core():
    ensure_roles()
    organiser = Group.objects.get(name=ORGANISER).permissions
    staff = Group.objects.get(name=STAFF).permissions
    moderator = Group.objects.get(name=MODERATOR).permissions
    assert organiser.filter(content_type__app_label="pledges", codename="change_pledge").exists()
    assert set(
        staff.filter(content_type__app_label="pledges").values_list("codename", flat=True)
    ) == {"view_pledge"}
    assert not moderator.filter(content_type__app_label="pledges").exists()


def test_roles_hold_exactly_the_documented_permissions():
    ensure_roles()
    ensure_roles()  # safe to run again

    assert permissions(ORGANISER) == ORGANISER_PERMISSIONS
    assert permissions(MODERATOR) == MODERATOR_PERMISSIONS
    assert permissions(STAFF) == STAFF_PERMISSIONS


def test_roles_are_refreshed_when_a_group_was_changed_by_hand():
    ensure_roles()
    Group.objects.get(name=STAFF).permissions.clear()

    ensure_roles()

    assert permissions(STAFF) == STAFF_PERMISSIONS
