from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ayni.statements.admin_views import CHART_DAYS, day_chart
from ayni.statements.enums import SignatureStatus, SignerKind
from ayni.statements.models import DayTally, Signature
from ayni.statements.services import roll_up_counts
from tests.factories import SignatureFactory, StatementFactory, UserFactory, withdraw_latest

pytestmark = pytest.mark.django_db


def dashboard_url(statement) -> str:
    return reverse("admin:statements_statement_dashboard", args=[statement.pk])


def section(html: str, element_id: str) -> str:
    """The text of the element with this id (not for elements nested in their own kind)."""
    match = re.search(rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no #{element_id} in the page"
    return re.sub(r"<[^>]+>", " ", match.group(2))


def numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d,]*", text)


def campaign(statement, *, now=None):
    """A statement with signatures in every state, over three days, rolled up."""
    now = now or timezone.now()
    for day_offset, n in ((0, 3), (1, 0), (2, 2)):
        for _ in range(n):
            SignatureFactory(
                statement=statement,
                country="BO",
                confirmed_at=now - timedelta(days=day_offset),
                organisation="Northtown NEU",
            )
    SignatureFactory(
        statement=statement, country="AR", kind=SignerKind.ORGANISATION, organisation="CTA"
    )
    SignatureFactory(statement=statement, status=SignatureStatus.PENDING, confirmed_at=None)
    SignatureFactory(statement=statement, status=SignatureStatus.SUSPECT, confirmed_at=None)
    SignatureFactory(statement=statement, status=SignatureStatus.WITHDRAWN, show_publicly=False)
    roll_up_counts()


def test_dashboard_shows_totals_statuses_countries_and_organisations(client):
    statement = StatementFactory(goal=24)
    campaign(statement)
    other = StatementFactory(texts={"en": "Another campaign"})
    SignatureFactory.create_batch(4, statement=other, country="FR", organisation="Other Union")
    roll_up_counts()
    client.force_login(UserFactory(role="Organiser"))

    response = client.get(dashboard_url(statement))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dashboard: Stand with the people" in html
    assert numbers(section(html, "total-count")) == ["6"]
    assert "25% of the goal of 24" in html
    assert numbers(section(html, "status-confirmed")) == ["6"]
    assert numbers(section(html, "status-pending")) == ["1"]
    assert numbers(section(html, "status-suspect")) == ["1"]
    assert numbers(section(html, "status-withdrawn")) == ["1"]
    assert numbers(section(html, "status-invalidated")) == ["0"]
    countries = section(html, "countries")
    assert "Bolivia" in countries and "Argentina" in countries
    assert "France" not in countries  # the other statement's data stays out
    assert countries.index("Bolivia") < countries.index("Argentina")
    organisations = section(html, "organisations")
    assert "Northtown NEU" in organisations and "CTA" in organisations
    assert "Other Union" not in organisations
    assert f"?statement__id__exact={statement.pk}&amp;status__exact=suspect" in html


def test_dashboard_chart_is_inline_svg_without_script_or_inline_style(client):
    statement = StatementFactory()
    campaign(statement)
    client.force_login(UserFactory(role="Staff"))

    html = client.get(dashboard_url(statement)).content.decode()

    svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S).group(0)
    bars = re.findall(r'<rect class="day-bar" [^>]*><title>([^<]*)</title>', svg)
    assert len(bars) == 3  # two days with signatures and the quiet day between them
    assert [title.rsplit(": ", 1)[1] for title in bars] == ["2", "0", "4"]
    heights = re.findall(r'<rect class="day-bar" [^>]*height="([\d.]+)"', svg)
    assert heights == ["50.0", "0.0", "100.0"]
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "statements/admin.css" in html


def test_dashboard_without_signatures_says_so(client):
    statement = StatementFactory()
    client.force_login(UserFactory(role="Organiser"))

    html = client.get(dashboard_url(statement)).content.decode()

    assert "No confirmed signatures counted yet." in html
    assert "Nothing flagged in the last hour." in html
    assert numbers(section(html, "total-count")) == ["0"]


def test_dashboard_flags_busy_ip_and_domain_and_links_to_prefilled_invalidation(client, settings):
    settings.SIGNATURE_FLAG_THRESHOLD = 2
    statement = StatementFactory()
    SignatureFactory.create_batch(3, statement=statement, ip_hash="a1b2c3", email_domain="x.test")
    SignatureFactory(statement=statement, ip_hash="quiet", email_domain="calm.test")
    # An hour and more ago: not flagged, however many.
    SignatureFactory.create_batch(
        3,
        statement=statement,
        ip_hash="old",
        email_domain="old.test",
        created_at=timezone.now() - timedelta(hours=2),
    )
    client.force_login(UserFactory(role="Moderator"))

    html = client.get(dashboard_url(statement)).content.decode()

    flagged = section(html, "flagged")
    assert "a1b2c3" in flagged and "x.test" in flagged
    assert "quiet" not in flagged and "old" not in flagged
    invalidate = reverse("admin:statements_statement_invalidate", args=[statement.pk])
    assert f'href="{invalidate}?ip_hash=a1b2c3"' in html
    assert f'href="{invalidate}?email_domain=x.test"' in html

    form = client.get(f"{invalidate}?ip_hash=a1b2c3").content.decode()
    assert re.search(r'name="ip_hash" value="a1b2c3"', form)


def test_dashboard_hides_invalidate_and_export_links_from_read_only_staff(client, settings):
    settings.SIGNATURE_FLAG_THRESHOLD = 1
    statement = StatementFactory()
    SignatureFactory.create_batch(2, statement=statement, ip_hash="busy")
    client.force_login(UserFactory(role="Staff"))

    html = client.get(dashboard_url(statement)).content.decode()

    assert "busy" in section(html, "flagged")
    assert "/invalidate/" not in html
    assert "/export/" not in html


def test_dashboard_lists_recent_invalidations(client):
    from ayni.statements.services import invalidate_signatures

    statement = StatementFactory()
    SignatureFactory.create_batch(2, statement=statement, email_domain="spam.test")
    organiser = UserFactory(role="Organiser", username="rosa")
    invalidate_signatures(
        statement=statement,
        criteria={"email_domain": "spam.test"},
        reason="Throwaway domain",
        user=organiser,
    )
    client.force_login(organiser)

    text = section(client.get(dashboard_url(statement)).content.decode(), "invalidations")

    assert "rosa" in text and "email_domain=spam.test" in text and "Throwaway domain" in text


def test_dashboard_of_missing_statement_is_404(client):
    client.force_login(UserFactory(role="Organiser"))

    response = client.get(reverse("admin:statements_statement_dashboard", args=[999]))

    assert response.status_code == 404


@pytest.mark.parametrize("statements", [1, 3])
def test_dashboard_query_count_does_not_grow_with_data(
    client, django_assert_num_queries, settings, statements
):
    settings.SIGNATURE_FLAG_THRESHOLD = 1
    made = [StatementFactory() for _ in range(statements)]
    for statement in made:
        campaign(statement)
    client.force_login(UserFactory(role="Organiser"))
    url = dashboard_url(made[0])
    client.get(url)  # warm the session

    # session, user, user's and groups' permissions, statement + translations, tally, status
    # counts, set-aside rows, emails waiting, days, countries, organisations, flagged IPs and
    # domains, invalidations.
    with django_assert_num_queries(17):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("statements", [1, 3])
def test_statement_changelist_query_count_does_not_grow(
    client, django_assert_num_queries, statements
):
    for _ in range(statements):
        campaign(StatementFactory())
    client.force_login(UserFactory(role="Organiser"))
    url = reverse("admin:statements_statement_changelist")
    client.get(url)

    with django_assert_num_queries(8):
        response = client.get(url)

    assert response.content.decode().count("/dashboard/") == statements


# --- The chart's geometry -------------------------------------------------------------------


def tallies(counts: dict[date, int]) -> list[DayTally]:
    return [DayTally(day=day, count=n) for day, n in sorted(counts.items())]


def test_day_chart_fills_quiet_days_and_scales_to_the_peak():
    chart = day_chart(tallies({date(2025, 3, 1): 10, date(2025, 3, 4): 40}))

    assert [bar.count for bar in chart.bars] == [10, 0, 0, 40]
    assert [bar.height for bar in chart.bars] == [25.0, 0, 0, 100.0]
    assert [bar.y for bar in chart.bars] == [75.0, 100, 100, 0.0]
    assert (chart.peak, chart.peak_day, chart.width) == (40, date(2025, 3, 4), 40)


def test_day_chart_runs_up_to_today_while_open_and_keeps_the_last_days_only():
    today = datetime(2025, 6, 30, tzinfo=UTC).date()
    counts = {today - timedelta(days=n): n + 1 for n in range(5, 200)}

    chart = day_chart(tallies(counts), until=today)

    assert len(chart.bars) == CHART_DAYS
    assert chart.last_day == today and chart.bars[-1].count == 0
    assert chart.first_day == today - timedelta(days=CHART_DAYS - 1)


def test_day_chart_of_nothing_is_empty():
    assert day_chart([]).bars == []
    assert day_chart(tallies({date(2025, 1, 1): 0})).bars == []


def test_dashboard_shows_the_emails_still_to_send(client, settings):
    settings.EMAIL_MAX_PER_SECOND = 50
    statement, other = StatementFactory(), StatementFactory()
    for _ in range(3):
        waiting = SignatureFactory(
            statement=statement, status=SignatureStatus.PENDING, confirmed_at=None
        )
        waiting.submissions.update(email_due="confirm", email_due_at=timezone.now())
    SignatureFactory(statement=statement)  # its email went long ago
    elsewhere = SignatureFactory(statement=other, status=SignatureStatus.PENDING)
    elsewhere.submissions.update(email_due="confirm", email_due_at=timezone.now())
    client.force_login(UserFactory(role="Staff"))

    html = client.get(dashboard_url(statement)).content.decode()

    waiting = section(html, "emails-waiting")
    assert numbers(waiting) == ["3", "50"]
    assert 'id="submissions-waiting"' not in html  # nothing left to fold
    assert "at most 50 a second" in waiting

    client.cookies["django_language"] = "es"
    html = client.get(dashboard_url(statement), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Correos por enviar:" in section(html, "emails-waiting")


def test_dashboard_shows_rows_set_aside_by_the_roll_up_and_links_to_them(client):
    statement, other = StatementFactory(), StatementFactory()
    campaign(statement)
    # Two rows counted as individuals, then changed behind the roll-up's back and withdrawn:
    # the statement has one organisation counted, so only one of them can come off as one.
    for stray in Signature.objects.filter(statement=statement, country="BO")[:2]:
        Signature.objects.filter(pk=stray.pk).update(kind=SignerKind.ORGANISATION)
        withdraw_latest(stray)
    SignatureFactory(statement=other, country="FR")
    roll_up_counts()
    Signature.objects.filter(statement=other).update(
        country="PE", status=SignatureStatus.WITHDRAWN, tally_dirty=True
    )
    roll_up_counts()  # the other statement's stray row is set aside too, and not shown here
    client.force_login(UserFactory(role="Staff"))

    html = client.get(dashboard_url(statement)).content.decode()
    listing = client.get(
        reverse("admin:statements_signature_changelist"),
        {"statement__id__exact": statement.pk, "set_aside": "yes"},
    ).content.decode()
    client.cookies["django_language"] = "es"
    spanish = client.get(dashboard_url(statement), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    note = " ".join(section(html, "set-aside").split())
    assert numbers(note) == ["1"]
    assert "1 signature is set aside" in note and "next reconciliation" in note
    link = f"?statement__id__exact={statement.pk}&amp;set_aside=yes"
    assert link in html
    assert re.findall(r'<th class="field-name"><a [^>]*>([^<]*)</a>', listing) == [
        Signature.objects.get(statement=statement, set_aside_at__isnull=False).name
    ]
    assert "apartada" in section(spanish, "set-aside")
    assert Signature.objects.filter(set_aside_at__isnull=False).count() == 2


def test_dashboard_says_nothing_of_set_aside_rows_when_there_are_none(client):
    statement = StatementFactory()
    campaign(statement)
    client.force_login(UserFactory(role="Staff"))

    html = client.get(dashboard_url(statement)).content.decode()

    assert 'id="set-aside"' not in html


def test_dashboard_shows_signings_not_yet_processed(client):
    from ayni.statements import services

    statement, other = StatementFactory(), StatementFactory()
    for n in range(2):
        services.sign_statement(
            statement=statement,
            name="Backlog Person",
            language="en",
            email=f"backlog{n}@example.org",
            country="BO",
            ip_hash="",
        )
    services.sign_statement(
        statement=other,
        name="Elsewhere Person",
        language="en",
        email="elsewhere@example.org",
        country="BO",
        ip_hash="",
    )
    client.force_login(UserFactory(role="Staff"))

    html = client.get(dashboard_url(statement)).content.decode()

    assert numbers(section(html, "submissions-waiting")) == ["2"]
    assert "Signings received and not yet processed:" in section(html, "submissions-waiting")
