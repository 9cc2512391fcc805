"""Who may do what in statements' back office: what each persona (tests/access.py) gets from
each page and each write, what each role can do there, and what no role may do."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.urls import reverse

from ayni.core.roles import MODERATOR, ORGANISER, STAFF, ensure_roles
from ayni.statements import services
from ayni.statements.enums import SignatureStatus, StatementState
from ayni.statements.models import (
    CountDrift,
    CountryTally,
    Invalidation,
    Signature,
    Statement,
    StatementTally,
)
from ayni.supporters.models import Consent
from tests.access import LOGIN, PERSONAS, assert_access, outcome
from tests.factories import SignatureFactory, StatementFactory, UserFactory, confirm_latest

pytestmark = pytest.mark.django_db

# Nobody, and a logged-in user without back-office access: both are sent to its login page.
OUTSIDERS = {"anonymous": LOGIN, "outsider": LOGIN}
# The five personas and a superuser, who holds every permission: what no role may do, a
# superuser may not do either.
EVERYONE = (*PERSONAS, "superuser")


@pytest.fixture
def world():
    """An open statement with a burst from one IP, and a draft."""
    statement = StatementFactory(slug="open-one")
    SignatureFactory(statement=statement, name="Real Person", ip_hash="home")
    SignatureFactory.create_batch(2, statement=statement, ip_hash="burst")
    draft = StatementFactory(slug="draft-one", state=StatementState.DRAFT, opened_at=None)
    return statement, draft


def urls(statement) -> dict[str, str]:
    return {
        "statements": reverse("admin:statements_statement_changelist"),
        "signatures": reverse("admin:statements_signature_changelist"),
        "dashboard": reverse("admin:statements_statement_dashboard", args=[statement.pk]),
        "export": reverse("admin:statements_statement_export", args=[statement.pk]),
        "export_list": reverse("admin:statements_signature_export"),
        "invalidate": reverse("admin:statements_statement_invalidate", args=[statement.pk]),
        "change": reverse("admin:statements_statement_change", args=[statement.pk]),
    }


INVALIDATE = {"ip_hash": "burst", "reason": "Burst"}


def act(client, action: str, *statements):
    return client.post(
        reverse("admin:statements_statement_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [s.pk for s in statements]},
        follow=True,
    )


def edit_data(statement) -> dict:
    """The statement's change form with a new goal (inline management forms included)."""
    text = statement.translations.first()
    return {
        "slug": statement.slug,
        "goal": "5000",
        "default_language": "en",
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "1",
        "translations-MIN_NUM_FORMS": "1",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-id": text.pk,
        "translations-0-statement": statement.pk,
        "translations-0-language": "en",
        "translations-0-title": text.title,
        "translations-0-summary": text.summary,
        "translations-0-body": text.body,
        "notables-TOTAL_FORMS": "0",
        "notables-INITIAL_FORMS": "0",
        "notables-MIN_NUM_FORMS": "0",
        "notables-MAX_NUM_FORMS": "1000",
    }


def edit(client, statement):
    return client.post(
        reverse("admin:statements_statement_change", args=[statement.pk]), edit_data(statement)
    )


def snapshot() -> tuple:
    return (
        sorted(Statement.objects.values_list("slug", "state", "goal")),
        sorted(Signature.objects.values_list("pk", "status")),
        Invalidation.objects.count(),
    )


# What each persona gets from each page of statements' back office.
PAGES = {
    "statements": {**OUTSIDERS, "viewer": 200, "moderator": 200, "organiser": 200},
    "signatures": {**OUTSIDERS, "viewer": 200, "moderator": 200, "organiser": 200},
    "dashboard": {**OUTSIDERS, "viewer": 200, "moderator": 200, "organiser": 200},
    "export": {**OUTSIDERS, "viewer": 403, "moderator": 403, "organiser": 200},
    "export_list": {**OUTSIDERS, "viewer": 403, "moderator": 403, "organiser": 200},
    "invalidate": {**OUTSIDERS, "viewer": 403, "moderator": 200, "organiser": 200},
    "change": {**OUTSIDERS, "viewer": 200, "moderator": 200, "organiser": 200},
}


def assert_forbidden_says_so(responses: dict) -> None:
    for persona, response in responses.items():
        if response.status_code == 403:
            assert "You do not have permission to do that." in response.content.decode(), persona


@pytest.mark.parametrize("page", PAGES)
def test_each_persona_gets_each_back_office_page(client_for, world, page):
    statement, _draft = world
    before = snapshot()

    responses = assert_access(client_for, urls(statement)[page], "get", PAGES[page])

    for persona in OUTSIDERS:
        assert "Real Person" not in responses[persona].content.decode(), persona
    assert_forbidden_says_so(responses)
    assert snapshot() == before


def writes(statement, draft) -> dict[str, tuple[str, dict, dict]]:
    """Each write as (address, data, what each persona who may not make it gets)."""
    links = urls(statement)
    publish = {"action": "publish", ACTION_CHECKBOX_NAME: [draft.pk]}
    return {
        "invalidate-preview": (links["invalidate"], INVALIDATE, {**OUTSIDERS, "viewer": 403}),
        "invalidate-confirm": (
            links["invalidate"],
            {**INVALIDATE, "confirm": "1"},
            {**OUTSIDERS, "viewer": 403},
        ),
        "edit": (
            links["change"],
            edit_data(statement),
            {**OUTSIDERS, "viewer": 403, "moderator": 403},
        ),
        # Read-only staff and moderators get the list again: no such action is offered to them.
        "publish": (links["statements"], publish, {**OUTSIDERS, "viewer": 200, "moderator": 200}),
    }


@pytest.mark.parametrize("write", ["invalidate-preview", "invalidate-confirm", "edit", "publish"])
def test_a_write_refused_to_a_persona_changes_nothing(client_for, world, write):
    statement, draft = world
    url, data, expected = writes(statement, draft)[write]
    before = snapshot()

    responses = assert_access(client_for, url, "post", expected, data=data)

    assert_forbidden_says_so(responses)
    assert snapshot() == before


def test_read_only_staff_sees_lists_and_dashboard_and_changes_nothing(client_for, world):
    statement, draft = world
    client = client_for("viewer")
    before = snapshot()
    links = urls(statement)

    statements_page = client.get(links["statements"]).content.decode()
    signatures_page = client.get(links["signatures"]).content.decode()
    dashboard = client.get(links["dashboard"])
    published = act(client, "publish", draft)
    closed = act(client, "close", statement)

    assert "open-one" in statements_page and "draft-one" in statements_page
    assert "Real Person" in signatures_page
    assert 'name="action"' not in statements_page  # no actions offered at all
    assert "Flagged activity" in dashboard.content.decode()
    assert "statement opened." not in published.content.decode()
    assert "statement closed." not in closed.content.decode()
    assert snapshot() == before


def test_moderator_invalidates_but_cannot_publish_or_close(client_for, moderator, world):
    statement, draft = world
    client = client_for("moderator")
    links = urls(statement)

    assert "Real Person" in client.get(links["signatures"]).content.decode()
    statements_page = client.get(links["statements"]).content.decode()
    assert 'value="publish"' not in statements_page
    act(client, "publish", draft)
    act(client, "close", statement)
    assert Statement.objects.get(pk=draft.pk).state == StatementState.DRAFT
    assert Statement.objects.get(pk=statement.pk).state == StatementState.OPEN
    assert Statement.objects.get(pk=statement.pk).goal is None

    preview = client.post(links["invalidate"], INVALIDATE)
    confirm = client.post(links["invalidate"], {**INVALIDATE, "confirm": "1"})

    assert "2 signatures would be invalidated." in preview.content.decode()
    assert confirm.status_code == 302
    assert Invalidation.objects.get().created_by == moderator
    assert set(Signature.objects.filter(ip_hash="burst").values_list("status", flat=True)) == {
        SignatureStatus.INVALIDATED
    }
    assert Signature.objects.get(name="Real Person").status == SignatureStatus.CONFIRMED


def test_organiser_may_do_everything(client_for, world):
    statement, draft = world
    client = client_for("organiser")
    links = urls(statement)

    change_page = client.get(links["change"]).content.decode()
    assert links["dashboard"] in change_page
    assert links["export"] in change_page and links["invalidate"] in change_page
    export = client.get(links["export"])
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode()[1:])))
    assert len(rows) == 3 and "Real Person" in {row["name"] for row in rows}

    published = act(client, "publish", draft)
    closed = act(client, "close", statement)
    edited = edit(client, statement)
    client.post(links["invalidate"], {**INVALIDATE, "confirm": "1"})

    assert "1 statement opened." in published.content.decode()
    assert "1 statement closed." in closed.content.decode()
    assert edited.status_code == 302
    draft.refresh_from_db()
    statement.refresh_from_db()
    assert draft.state == StatementState.OPEN and draft.opened_at is not None
    assert statement.state == StatementState.CLOSED and statement.goal == 5000
    assert Invalidation.objects.get().affected == 2


def test_role_permissions():
    def codenames(name: str) -> set[str]:
        group = Group.objects.get(name=name)
        return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}

    ensure_roles()
    ensure_roles()  # safe to run again

    organiser, moderator, staff = codenames(ORGANISER), codenames(MODERATOR), codenames(STAFF)
    assert {
        "statements.export_signatures",
        "statements.invalidate_signatures",
        "statements.change_statement",
        "statements.add_statement",
        "supporters.view_supporter",
        "supporters.change_supporter",
        "django_tasks_database.view_dbtaskresult",
    } <= organiser
    assert "django_tasks_database.change_dbtaskresult" not in organiser
    assert {"statements.invalidate_signatures", "statements.change_signature"} <= moderator
    assert {"statements.view_statement", "statements.view_signature"} <= moderator
    assert (
        not {
            "statements.export_signatures",
            "statements.change_statement",
            "statements.add_invalidation",
            "supporters.view_supporter",
        }
        & moderator
    )
    assert all(codename.split(".")[1].startswith("view_") for codename in staff)
    assert {"statements.view_signature", "supporters.view_supporter"} <= staff


# --- What no role may do: edit the count, delete signatures or the audit trail (issue 6) ------


@pytest.fixture
def audited(world):
    """The world, rolled up, with an invalidation, a count correction and a consent record."""
    statement, draft = world
    signer = SignatureFactory(
        statement=statement,
        name="Ana Quispe",
        status="pending",
        confirmed_at=None,
        tally_dirty=False,
        country="BO",
    )
    confirm_latest(signer)
    organiser = UserFactory(role=ORGANISER)
    services.invalidate_signatures(
        statement=statement, criteria={"ip_hash": "burst"}, reason="Burst", user=organiser
    )
    services.roll_up_counts()
    StatementTally.objects.filter(statement=statement).update(total=99)
    services.reconcile_counts()
    return statement, draft, Signature.objects.get(pk=signer.pk)


def audit_snapshot() -> tuple:
    """Everything the refusals below must leave exactly as it was."""
    return (
        sorted(Signature.objects.values_list("pk", "name", "kind", "country", "status", "counted")),
        sorted(StatementTally.objects.values_list("statement_id", "total", "organisations")),
        sorted(CountryTally.objects.values_list("statement_id", "country", "count")),
        sorted(Statement.objects.values_list("slug", flat=True)),
        sorted(Invalidation.objects.values_list("pk", "affected", "reason")),
        sorted(CountDrift.objects.values_list("pk", "scope", "expected", "found")),
        sorted(Consent.objects.values_list("pk", "purpose", "withdrawn_at")),
    )


def refused(response, persona: str) -> bool:
    """Outsiders are sent to the login page. Staff of any role get a 403, the list again (no
    such action offered), or a page saying it cannot be done; never a confirmation."""
    if persona in OUTSIDERS:
        return outcome(response) == LOGIN
    if response.status_code == 302:
        return "/delete/" not in response["Location"]
    return response.status_code in (200, 403) and "Yes, I’m sure" not in response.content.decode()


def delete_all(client_for, persona: str, model: str, objects) -> list:
    """The two ways of deleting in the admin: each record's delete page (the outsiders are sent
    to log in, everyone else gets a 403), and the bulk action."""
    changelist = reverse(f"admin:{model}_changelist")
    expected = {persona: OUTSIDERS.get(persona, 403)}
    return [
        *(
            assert_access(
                client_for,
                reverse(f"admin:{model}_delete", args=[obj.pk]),
                "post",
                expected,
                data={"post": "yes"},
            )[persona]
            for obj in objects
        ),
        client_for(persona).post(
            changelist,
            {
                "action": "delete_selected",
                "post": "yes",
                ACTION_CHECKBOX_NAME: [obj.pk for obj in objects],
            },
        ),
    ]


@pytest.mark.parametrize("persona", EVERYONE)
def test_no_role_deletes_signatures_or_the_audit_trail(client_for, audited, persona):
    statement, _draft, signer = audited
    before = audit_snapshot()

    responses = [
        *delete_all(client_for, persona, "statements_signature", Signature.objects.all()),
        *delete_all(client_for, persona, "statements_invalidation", Invalidation.objects.all()),
        *delete_all(client_for, persona, "statements_countdrift", CountDrift.objects.all()),
        *delete_all(client_for, persona, "supporters_consent", Consent.objects.all()),
        *delete_all(client_for, persona, "statements_statement", [statement]),
    ]

    assert audit_snapshot() == before
    assert Consent.objects.filter(supporter=signer.supporter).count() == 2
    assert CountDrift.objects.filter(scope="total", found=99).exists()
    for response in responses:
        assert refused(response, persona), response


# Who may save a signature's change form (only what it was not counted under changes).
EDIT_SIGNATURE = {**OUTSIDERS, "viewer": 403, "moderator": 302, "organiser": 302, "superuser": 302}


@pytest.mark.parametrize("persona", EVERYONE)
def test_no_role_edits_what_a_signature_was_counted_under(client_for, audited, persona):
    _statement, _draft, signer = audited
    before = audit_snapshot()

    response = assert_access(
        client_for,
        reverse("admin:statements_signature_change", args=[signer.pk]),
        "post",
        {persona: EDIT_SIGNATURE[persona]},
        data={
            "name": "Ana Quispe Mamani",
            "kind": "organisation",
            "country": "PE",
            "organisation": "Union",
            "status": "withdrawn",
            "show_publicly": "on",
        },
    )[persona]
    services.roll_up_counts()

    signer.refresh_from_db()
    counted_under = (signer.kind, signer.country, signer.status, signer.counted)
    assert counted_under == ("individual", "BO", SignatureStatus.CONFIRMED, True)
    if persona in ("moderator", "organiser", "superuser"):
        assert signer.name == "Ana Quispe Mamani"  # what may be edited is
        assert (signer.organisation, signer.show_publicly) == ("Union", True)
    else:
        assert refused(response, persona)
        assert signer.name == "Ana Quispe"
    assert audit_snapshot()[1:] == before[1:]  # no count moved, nothing else changed


@pytest.mark.parametrize("persona", ["viewer", "moderator", "organiser", "superuser"])
def test_audit_trail_and_signatures_are_shown_without_delete_or_save(client_for, audited, persona):
    statement, _draft, signer = audited
    client = client_for(persona)
    pages = {
        "statements_invalidation": Invalidation.objects.get(),
        "statements_countdrift": CountDrift.objects.filter(scope="total").get(),
        "statements_signature": signer,
    }
    if persona != "moderator":  # moderators do not see supporters' records at all
        pages["supporters_consent"] = Consent.objects.first()

    for model, obj in pages.items():
        change = client.get(reverse(f"admin:{model}_change", args=[obj.pk])).content.decode()
        listing = client.get(reverse(f"admin:{model}_changelist")).content.decode()

        assert reverse(f"admin:{model}_delete", args=[obj.pk]) not in change, model
        assert 'value="delete_selected"' not in listing, model
        if model != "statements_signature":
            assert 'name="_save"' not in change, model  # read only
    statement_page = client.get(
        reverse("admin:statements_statement_change", args=[statement.pk])
    ).content.decode()
    assert reverse("admin:statements_statement_delete", args=[statement.pk]) not in statement_page


DELETE_DRAFT = {**OUTSIDERS, "viewer": 403, "moderator": 403, "organiser": 302, "superuser": 302}


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_organisers_delete_a_draft_nobody_signed(client_for, world, persona):
    statement, draft = world

    response = assert_access(
        client_for,
        reverse("admin:statements_statement_delete", args=[draft.pk]),
        "post",
        {persona: DELETE_DRAFT[persona]},
        data={"post": "yes"},
    )[persona]

    deleted = not Statement.objects.filter(pk=draft.pk).exists()
    if persona in ("organiser", "superuser"):
        assert deleted
    else:
        assert refused(response, persona) and not deleted
    assert Statement.objects.filter(pk=statement.pk).exists()
    assert Signature.objects.filter(statement=statement).count() == 3


def test_bulk_delete_of_statements_is_refused_when_one_has_signatures(client_for, world):
    statement, draft = world
    client = client_for("organiser")
    chosen = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [statement.pk, draft.pk]}
    changelist = reverse("admin:statements_statement_changelist")

    confirmation = client.post(changelist, chosen).content.decode()
    response = client.post(changelist, {**chosen, "post": "yes"})

    # Named by its title, as the back office names statements everywhere.
    assert f"{statement} has signatures: close it instead of deleting it." in confirmation
    assert str(statement) == statement.translations.get(language="en").title != "open-one"
    assert "Yes, I’m sure" not in confirmation
    assert response.status_code in (200, 403)
    assert set(Statement.objects.values_list("slug", flat=True)) == {"open-one", "draft-one"}
    assert Signature.objects.filter(statement=statement).count() == 3
