"""statements/home.py: statements on the campaign's home page; the featured one leads, the others
follow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from ayni.core.campaign import current_campaign
from ayni.statements import services
from ayni.statements.enums import StatementState
from ayni.statements.models import Statement, StatementTally
from tests.factories import StatementFactory, log_in_as

pytestmark = pytest.mark.django_db


def lead_section(html: str) -> str:
    start = html.index('<section class="home-lead"')
    return html[start : html.index("</section>", start)]


def test_the_home_page_leads_with_the_featured_statement_and_its_count(client):
    older = StatementFactory(texts={"en": "Older open", "es": "Abierta antigua"}, goal=500)
    featured = StatementFactory(
        texts={"en": "The featured one", "es": "La destacada"}, goal=1000, featured=True
    )
    StatementTally.objects.filter(statement=featured).update(total=1234)
    html = client.get(reverse("core:home")).content.decode()
    lead = lead_section(html)
    assert "The featured one" in lead
    assert '<span class="count-number" data-count>1,234</span> signatures' in lead
    assert '<progress max="1000" value="1234"' in lead
    assert f'href="{featured.get_absolute_url()}#sign"' in lead
    # The lead comes before the other statements, which are still listed.
    assert html.index("The featured one") < html.index("Older open")
    assert older.get_absolute_url() in html


def test_without_a_featured_statement_the_newest_open_one_leads(client):
    now = timezone.now()
    StatementFactory(texts={"en": "Open earlier"}, opened_at=now - timedelta(days=5))
    StatementFactory(texts={"en": "Open lately"}, opened_at=now - timedelta(days=1))
    StatementFactory(
        texts={"en": "Closed lately"}, state=StatementState.CLOSED, closed_at=now, opened_at=now
    )
    html = client.get(reverse("core:home")).content.decode()
    assert "Open lately" in lead_section(html)
    # Open before closed, whatever the dates.
    assert html.index("Open earlier") < html.index("Closed lately")


def test_drafts_never_reach_the_home_page(client):
    StatementFactory(texts={"en": "Secret draft"}, state=StatementState.DRAFT, featured=True)
    html = client.get(reverse("core:home")).content.decode()
    assert "Secret draft" not in html
    assert "Nothing is open yet" in html


def test_the_home_page_is_in_spanish_for_a_spanish_reader(client):
    StatementFactory(texts={"en": "Stand with", "es": "Con el pueblo"}, featured=True)
    with translation.override("es"):
        home = reverse("core:home")
    html = client.get(home).content.decode()
    assert "Con el pueblo" in lead_section(html)
    assert "Suma tu nombre" in html


def test_the_statements_list_puts_open_before_closed(client):
    now = timezone.now()
    StatementFactory(
        texts={"en": "Closed newest"}, state=StatementState.CLOSED, closed_at=now, opened_at=now
    )
    StatementFactory(texts={"en": "Open oldest"}, opened_at=now - timedelta(days=90))
    html = client.get(reverse("statements:list")).content.decode()
    assert html.index("Open oldest") < html.index("Closed newest")


@pytest.mark.parametrize("items", [1, 3])
def test_the_home_page_query_count_does_not_grow_with_statements(
    client, django_assert_num_queries, items
):
    for index in range(items):
        StatementFactory(texts={"en": f"Statement {index}"}, featured=index == 0)
    current_campaign()  # read once per process every few seconds, not per page
    # Rendering the page (not its kept copy): the statements with their tallies, their
    # language versions; the events' block asks for the next events, the motions' block for
    # the motion to show (none here), the newsroom's for the latest articles (none here).
    with django_assert_num_queries(5):
        client.get(reverse("core:home"))
    with django_assert_num_queries(0):
        client.get(reverse("core:home"))


def test_featuring_a_statement_unfeatures_the_previous_one():
    first = StatementFactory(featured=True)
    second = StatementFactory()
    second.featured = True
    services.save_statement(statement=second)
    assert list(Statement.objects.filter(featured=True)) == [second]
    first.refresh_from_db()
    assert not first.featured


def test_an_organiser_features_a_statement_in_the_back_office(client):
    first = StatementFactory(featured=True)
    second = StatementFactory()
    log_in_as(client, "Organiser")
    change = client.get(reverse("admin:statements_statement_change", args=[second.pk]))
    form = change.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name not in {"image"} and value is not None
    }
    data["featured"] = "on"
    for formset in change.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name, field in management.fields.items():
            data[management.add_prefix(name)] = management.initial.get(name, field.initial)
        for inline in formset.formset.forms:
            for name, value in inline.initial.items():
                data[inline.add_prefix(name)] = value
            data[inline.add_prefix("id")] = inline.instance.pk or ""
    data = {key: ("" if value is None else value) for key, value in data.items()}
    response = client.post(reverse("admin:statements_statement_change", args=[second.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(Statement.objects.filter(featured=True).values_list("pk", flat=True)) == [second.pk]
    assert first.pk != second.pk


def test_the_kept_home_page_is_the_page_rendered_fresh(client, settings):
    StatementFactory(texts={"en": "First words"}, featured=True)
    fresh = client.get(reverse("core:home"))
    kept = client.get(reverse("core:home"))
    assert kept.content == fresh.content
    # A newly featured statement shows once the copy expires, not before.
    StatementFactory(texts={"en": "Second words"}, featured=False)
    Statement.objects.update(featured=False)
    Statement.objects.filter(translations__title="Second words").update(featured=True)
    assert "First words" in lead_section(client.get(reverse("core:home")).content.decode())
    cache.clear()
    assert "Second words" in lead_section(client.get(reverse("core:home")).content.decode())


def test_a_reader_with_a_session_gets_the_page_rendered_for_them(client):
    StatementFactory(texts={"en": "First words"}, featured=True)
    client.get(reverse("core:home"))  # kept for anonymous readers
    Statement.objects.update(featured=False)
    StatementFactory(texts={"en": "Second words"}, featured=True)
    log_in_as(client, "Organiser")
    assert "Second words" in lead_section(client.get(reverse("core:home")).content.decode())
