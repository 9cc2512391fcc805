"""The statement's edit page: publish, close and reopen buttons, preview, title as heading."""

from __future__ import annotations

import html as html_module
import re
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ayni.statements.enums import StatementState
from ayni.statements.models import Statement
from tests.factories import OUTSIDERS, PERSONAS, StatementFactory, UserFactory, log_in_as

pytestmark = pytest.mark.django_db

MAY_CHANGE = {"Organiser", "superuser"}
MAY_VIEW = {"Staff", "Moderator", "Organiser", "superuser"}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft():
    return StatementFactory(
        slug="secret-draft",
        state=StatementState.DRAFT,
        opened_at=None,
        texts={"en": "Free the river", "es": "Liberen el río"},
    )


def step_url(statement, step: str) -> str:
    return reverse("admin:statements_statement_transition", args=[statement.pk, step])


def change_url(statement) -> str:
    return reverse("admin:statements_statement_change", args=[statement.pk])


def preview_url(statement) -> str:
    return reverse("admin:statements_statement_preview", args=[statement.pk])


def state_of(statement) -> tuple:
    return Statement.objects.values_list("state", "opened_at", "closed_at").get(pk=statement.pk)


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def breadcrumbs(html: str) -> str:
    match = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S)
    assert match
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


# --- The buttons ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_publish_button_access_for_every_persona(client, draft, persona):
    user = log_in_as(client, persona)

    response = client.post(step_url(draft, "publish"))

    draft.refresh_from_db()
    if persona in MAY_CHANGE:
        assert response.status_code == 302 and response["Location"] == change_url(draft)
        assert draft.state == StatementState.OPEN and draft.opened_at is not None
        entry = LogEntry.objects.get()
        assert (entry.user, entry.object_id, entry.change_message) == (
            user,
            str(draft.pk),
            "Publish",
        )
    elif persona in OUTSIDERS:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        assert draft.state == StatementState.DRAFT and not LogEntry.objects.exists()
    else:
        assert response.status_code == 403
        assert "You do not have permission to do that." in response.content.decode()
        assert draft.state == StatementState.DRAFT and not LogEntry.objects.exists()


def test_organiser_publishes_closes_and_reopens_from_the_edit_page(client, draft):
    log_in_as(client, "Organiser")

    page = client.get(change_url(draft)).content.decode()
    published = client.post(step_url(draft, "publish"), follow=True)
    after_publish = published.content.decode()
    closed = client.post(step_url(draft, "close"), follow=True)
    reopened = client.post(step_url(draft, "reopen"), follow=True)

    assert f'action="{step_url(draft, "publish")}"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert step_url(draft, "close") not in page and step_url(draft, "reopen") not in page
    assert shown_messages(published) == ["“Free the river” is published: it takes signatures now."]
    assert f'action="{step_url(draft, "close")}"' in after_publish
    assert step_url(draft, "publish") not in after_publish
    assert shown_messages(closed) == ["“Free the river” is closed: it takes no more signatures."]
    assert shown_messages(reopened) == ["“Free the river” is open again: it takes signatures."]
    draft.refresh_from_db()
    assert draft.state == StatementState.OPEN and draft.closed_at is None
    assert list(LogEntry.objects.order_by("pk").values_list("change_message", flat=True)) == [
        "Publish",
        "Close",
        "Reopen",
    ]


@pytest.mark.parametrize(
    ("state", "step", "reason"),
    [
        (StatementState.CLOSED, "publish", "It is not a draft: it was published already."),
        (StatementState.OPEN, "publish", "It is not a draft: it was published already."),
        (StatementState.DRAFT, "close", "It is not open."),
        (StatementState.CLOSED, "close", "It is not open."),
        (StatementState.OPEN, "reopen", "It is not closed."),
    ],
)
def test_a_step_that_does_not_apply_is_refused_and_changes_nothing(client, state, step, reason):
    statement = StatementFactory(state=state, texts={"en": "Free the river"})
    log_in_as(client, "Organiser")
    before = state_of(statement)

    response = client.post(step_url(statement, step), follow=True)

    assert shown_messages(response) == [f"“Free the river” was not changed: {reason}"]
    assert state_of(statement) == before
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("state", [StatementState.DRAFT, StatementState.CLOSED])
def test_publishing_or_reopening_past_the_deadline_is_refused(client, state):
    statement = StatementFactory(
        state=state, deadline=timezone.now() - timedelta(hours=1), texts={"en": "Too late"}
    )
    log_in_as(client, "Organiser")
    before = state_of(statement)

    step = "publish" if state == StatementState.DRAFT else "reopen"
    response = client.post(step_url(statement, step), follow=True)

    assert shown_messages(response) == [
        "“Too late” was not changed: Its deadline has passed: set a later deadline (and save) "
        "first."
    ]
    assert state_of(statement) == before


def test_a_step_is_a_post_with_csrf(draft):
    client = Client(enforce_csrf_checks=True)
    log_in_as(client, "Organiser")

    followed_link = client.get(step_url(draft, "publish"))
    no_token = client.post(step_url(draft, "publish"))

    assert followed_link.status_code == 302 and followed_link["Location"] == change_url(draft)
    assert no_token.status_code == 403
    assert state_of(draft)[0] == StatementState.DRAFT
    assert not LogEntry.objects.exists()


def test_unknown_step_or_statement_is_a_404(client, draft):
    log_in_as(client, "Organiser")

    unknown_step = client.post(step_url(draft, "explode"))
    missing = client.post(reverse("admin:statements_statement_transition", args=[9999, "publish"]))

    assert unknown_step.status_code == 404 and missing.status_code == 404
    assert state_of(draft)[0] == StatementState.DRAFT


@pytest.mark.parametrize("persona", ["Staff", "Moderator"])
def test_read_only_roles_see_no_buttons(client, draft, persona):
    log_in_as(client, persona)

    page = client.get(change_url(draft)).content.decode()

    assert "Draft" in page and preview_url(draft) in page
    assert "/lifecycle/" not in page


def test_bulk_actions_use_the_same_steps_and_report_refusals(client):
    closed = StatementFactory(state=StatementState.CLOSED, texts={"en": "Closed one"})
    draft = StatementFactory(state=StatementState.DRAFT, opened_at=None, texts={"en": "Draft"})
    log_in_as(client, "Organiser")

    response = client.post(
        reverse("admin:statements_statement_changelist"),
        {"action": "reopen", ACTION_CHECKBOX_NAME: [closed.pk, draft.pk]},
        follow=True,
    )

    assert shown_messages(response) == [
        "1 statement reopened.",
        "“Draft” was not changed: It is not closed.",
    ]
    assert state_of(closed)[0] == StatementState.OPEN
    assert state_of(draft)[0] == StatementState.DRAFT
    assert LogEntry.objects.get().object_id == str(closed.pk)


# --- Preview -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_preview_of_a_draft_for_every_persona(client, draft, persona):
    log_in_as(client, persona)

    response = client.get(preview_url(draft))
    public = client.get(draft.get_absolute_url())

    assert public.status_code == 404
    assert "Free the river" not in public.content.decode()
    if persona in MAY_VIEW:
        html = response.content.decode()
        assert response.status_code == 200
        assert "Preview — not published" in html
        assert "<h1>Free the river</h1>" in html
        assert "**Body**" not in html and "<strong>Body</strong> of Free the river" in html
        assert '<fieldset class="preview-disabled" disabled>' in html
        assert response["X-Robots-Tag"] == "noindex"
    elif persona in OUTSIDERS:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:  # pragma: no cover - every staff persona may view statements
        raise AssertionError(persona)


def test_preview_refused_to_staff_without_a_role(client, draft):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(preview_url(draft))

    html = response.content.decode()
    assert response.status_code == 403
    assert "Free the river" not in html
    assert "You do not have permission to do that." in html


def test_preview_in_each_language_and_of_a_missing_statement(client, draft):
    log_in_as(client, "Organiser")

    spanish = client.get(preview_url(draft), {"language": "es"}).content.decode()
    nonsense = client.get(preview_url(draft), {"language": "xx"})
    missing = client.get(reverse("admin:statements_statement_preview", args=[9999]))

    assert "<h1>Liberen el río</h1>" in spanish and "Vista previa" in spanish
    assert nonsense.status_code == 200 and "<h1>Free the river</h1>" in nonsense.content.decode()
    assert missing.status_code == 404


def test_view_on_site_leads_to_the_preview_for_a_draft_and_the_page_once_public(client, draft):
    log_in_as(client, "Organiser")
    view_on_site = re.compile(r'<a href="([^"]+)" class="viewsitelink">')

    draft_page = client.get(change_url(draft)).content.decode()
    draft_dashboard = client.get(
        reverse("admin:statements_statement_dashboard", args=[draft.pk])
    ).content.decode()
    client.post(step_url(draft, "publish"))
    open_page = client.get(change_url(draft)).content.decode()
    public = client.get(client.get(view_on_site.search(open_page).group(1))["Location"])

    assert view_on_site.search(draft_page).group(1) == preview_url(draft)
    assert view_on_site.search(draft_dashboard).group(1) == preview_url(draft)
    assert public.status_code == 200 and "Preview" not in public.content.decode()
    assert "<h1>Free the river</h1>" in public.content.decode()


# --- Headings ------------------------------------------------------------------------------


def test_headings_and_breadcrumbs_show_the_title_not_the_slug(client, draft):
    log_in_as(client, "Organiser")

    change = client.get(change_url(draft)).content.decode()
    dashboard = client.get(
        reverse("admin:statements_statement_dashboard", args=[draft.pk])
    ).content.decode()

    assert "<h1>Free the river</h1>" in change
    assert "<h2>Change statement</h2>" in change
    assert "<title>Change statement | Free the river | ayni</title>" in change
    assert breadcrumbs(change) == "Home › Statements › Statements › Free the river"
    assert '<h1 class="dashboard-title">Free the river</h1>' in dashboard
    assert breadcrumbs(dashboard) == "Home › Statements › Statements › Free the river › Dashboard"
    assert "secret-draft" not in breadcrumbs(change) + breadcrumbs(dashboard)
