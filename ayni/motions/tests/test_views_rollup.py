"""The roll-up's views: the filterable table (and its first page on the motion page), the Atom
feed, the JSON document and organisers' CSV export."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from defusedxml import ElementTree as ET  # noqa: N817
from django.urls import reverse
from django.utils import timezone, translation

from ayni.motions.enums import AdoptionStatus, CommitmentKind, Level, MotionState, Outcome
from ayni.motions.tests.factories import (
    MotionFactory,
    OrganisationFactory,
    commit,
    forward,
    publish_version,
    report,
    tree_body,
)
from ayni.motions.views import rollup as rollup_views
from tests.access import LOGIN, assert_access

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def motion():
    motion = MotionFactory(slug="bolivia")
    publish_version(motion)
    return motion


@pytest.fixture
def tree():
    union = OrganisationFactory(name="Example Union", short_name="EU")
    national = tree_body("EU Conference", Level.NATIONAL, organisation=union)
    north = tree_body("North Region", Level.REGION, parent=national)
    south = tree_body("South Region", Level.REGION, parent=national)
    leeds = tree_body("Leeds Branch", Level.BRANCH, parent=north)
    bristol = tree_body("Bristol Branch", Level.BRANCH, parent=south)
    party = OrganisationFactory(name="Example Party", country="ES")
    madrid = tree_body("Madrid Agrupación", Level.BRANCH, organisation=party)
    return {
        "national": national,
        "north": north,
        "leeds": leeds,
        "bristol": bristol,
        "madrid": madrid,
    }


def url(name, motion, language="en"):
    with translation.override(language):
        return reverse(f"motions:{name}", kwargs={"slug": motion.slug})


def get(client, address, **params):
    response = client.get(address, params)
    return response, response.content.decode()


# --- The table ------------------------------------------------------------------------------


def test_the_table_shows_verified_reports_with_their_parents_and_never_a_reporter(
    client, motion, tree
):
    report(motion, tree["leeds"], votes_for=40, votes_against=2, votes_abstaining=1)
    report(motion, tree["bristol"], outcome=Outcome.REJECTED, meeting_date=date(2027, 2, 1))
    report(motion, tree["madrid"], status=AdoptionStatus.SUBMITTED, reporter_name="Hidden Person")

    response, page = get(client, url("adoptions", motion))

    assert response.status_code == 200
    assert "Leeds Branch" in page and "North Region › EU Conference" in page
    assert "40, 2, 1" in page
    assert "Rejected" in page and "(not counted)" in page
    assert "Madrid" not in page.split("<table")[1]  # not verified: not in the table
    assert "rita@example.org" not in page and "Rita Reporter" not in page
    assert page.index("Bristol Branch") < page.index("Leeds Branch")  # latest meeting first


def test_each_filter_narrows_the_table(client, motion, tree):
    report(motion, tree["leeds"], meeting_date=date(2027, 1, 10))
    report(motion, tree["bristol"], outcome=Outcome.REMITTED, meeting_date=date(2027, 3, 10))
    report(motion, tree["madrid"], meeting_date=date(2027, 5, 10))
    report(motion, tree["north"], meeting_date=date(2027, 2, 10))
    address = url("adoptions", motion)

    def shown(**params):
        page = get(client, address, **params)[1]
        table = page.split("<tbody>")[1].split("</tbody>")[0]
        return sorted(
            name
            for name in ("Leeds Branch", "Bristol Branch", "Madrid", "North Region<br>")
            if name in table
        )

    party = tree["madrid"].organisation
    assert shown(organisation=party.pk) == ["Madrid"]
    assert shown(level=Level.REGION) == ["North Region<br>"]
    assert shown(region=tree["north"].pk) == ["Leeds Branch", "North Region<br>"]
    assert shown(outcome=Outcome.REMITTED) == ["Bristol Branch"]
    assert shown(since="2027-02-01", until="2027-04-01") == ["Bristol Branch", "North Region<br>"]
    assert (
        "No verified report matches these filters." in get(client, address, outcome="withdrawn")[1]
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_bad_filters_are_said_and_ignored_never_an_error_page(client, motion, tree, language):
    report(motion, tree["leeds"])
    report(motion, tree["madrid"], outcome=Outcome.REJECTED)

    response, page = get(
        client,
        url("adoptions", motion, language),
        organisation="99999",
        level="x",
        region="'; drop table",
        outcome="rejected",
        since="2027-13-45",
        until="\x00",
        after="not-a-cursor",
    )

    assert response.status_code == 200
    table = page.split("<tbody>")[1]
    assert "Madrid" in table and "Leeds Branch" not in table  # the valid filter still applies
    if language == "en":
        assert "Select a valid choice." in page or "valid choice" in page
        assert "Enter a date such as 2027-01-31." in page
    else:
        assert "Introduce una fecha como 2027-01-31." in page


def test_the_table_goes_page_by_page_after_the_last_row(client, motion, tree, monkeypatch):
    monkeypatch.setattr(rollup_views, "PAGE_SIZE", 2)
    for day, body in enumerate(["leeds", "bristol", "madrid"], start=1):
        report(motion, tree[body], meeting_date=date(2027, 1, day))

    first = get(client, url("adoptions", motion), outcome="passed")[1]
    assert "Madrid" in first and "Bristol Branch" in first and "Leeds Branch" not in first
    next_link = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert "outcome=passed" in next_link

    second = client.get(next_link.replace("&amp;", "&")).content.decode()
    table = second.split("<tbody>")[1]
    assert "Leeds Branch" in table and "Madrid" not in table
    assert 'rel="next"' not in second
    assert "Back to the first page" in second


def make_reports(motion, tree, count):
    bodies = ["leeds", "bristol", "north"]
    for n in range(count):
        adoption = report(
            motion,
            tree[bodies[n]],
            outcome=Outcome.AMENDED,
            amended_resolves="To affiliate.\n\nTo forward it at once.",
        )
        commit(adoption, CommitmentKind.DONATE, "10", "GBP")


@pytest.mark.parametrize("count", [1, 3])
def test_the_table_takes_the_same_queries_for_1_and_3_rows_and_on_page_2(
    client, motion, tree, count, django_assert_num_queries, monkeypatch
):
    make_reports(motion, tree, count)
    # The motion, the filters' choices, the page of rows, the names above them; the campaign.
    with django_assert_num_queries(5):
        response = client.get(url("adoptions", motion))
    assert response.status_code == 200
    monkeypatch.setattr(rollup_views, "PAGE_SIZE", 1)
    with django_assert_num_queries(4):  # the campaign is kept from the first
        response = client.get(url("adoptions", motion), {"after": "2027-01-12.999999"})
    assert response.content.decode().count('<tr id="adoption-') == 1


# --- The motion page ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_the_motion_page_takes_the_same_queries_whatever_the_reports(
    client, motion, tree, count, django_assert_num_queries
):
    make_reports(motion, tree, count)
    # The motion and its version, the roll-up's stamp, the roll-up (8), the amended versions
    # (2), the table's first page and the names above its rows (2); the campaign.
    with django_assert_num_queries(16):
        response = client.get(url("detail", motion))
    assert response.content.decode().count('<tr id="adoption-') == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_motion_page_by_region_takes_the_same_queries_whatever_the_reports(
    client, motion, tree, count, django_assert_num_queries
):
    make_reports(motion, tree, count)
    client.get(url("detail", motion))  # the figures are kept: only the section is drawn again

    # The motion and its version, the roll-up's stamp, the amended versions (2), the table's
    # first page and the names above its rows (2); the campaign was kept.
    with django_assert_num_queries(7):
        response = client.get(url("detail", motion), {"chart": "region"})

    page = response.content.decode()
    assert page.count('<tr id="adoption-') == count
    assert 'aria-labelledby="rollup-regions-title"' in page


def breakdown_rows(page: str) -> list[tuple[str, str]]:
    table = page.split('aria-labelledby="rollup-breakdown-heading">', 1)[1].split("</table>")[0]
    return re.findall(r'<th scope="row">([^<]*)</th><td class="num">(\d+)</td>', table)


def test_the_motion_page_counts_bodies_by_country_or_by_region_as_chosen(client, motion, tree):
    report(motion, tree["leeds"])
    report(motion, tree["north"])
    report(motion, tree["bristol"])
    report(motion, tree["madrid"])
    report(motion, tree["national"])

    by_country = get(client, url("detail", motion))[1]
    by_region = get(client, url("detail", motion), chart="region")[1]

    assert breakdown_rows(by_country) == [("United Kingdom", "4"), ("Spain", "1")]
    assert '<a href="?chart=country#rollup-breakdown-heading" aria-current="true">' in by_country
    assert 'aria-labelledby="rollup-countries-title"' in by_country
    assert breakdown_rows(by_region) == [
        ("North Region (EU)", "2"),
        ("South Region (EU)", "1"),
        ("EU, national level", "1"),
        ("Example Party, national level", "1"),
    ]
    assert '<a href="?chart=region#rollup-breakdown-heading" aria-current="true">' in by_region
    assert ">By region</h3>" in by_region and '<th scope="col">Region</th>' in by_region
    assert 'aria-labelledby="rollup-regions-title"' in by_region
    assert '<title id="rollup-regions-title">Bodies that adopted the motion, by region' in by_region


def test_the_motion_page_by_region_in_spanish(client, motion, tree):
    report(motion, tree["madrid"])

    page = get(client, url("detail", motion, "es"), chart="region")[1]

    assert ">Por región</h3>" in page
    assert breakdown_rows(page) == [("Example Party, ámbito nacional", "1")]


@pytest.mark.parametrize("chart", ["", "regions", "<script>", "country&chart=region", "x" * 500])
def test_an_unknown_chart_shows_the_page_by_country(client, motion, tree, chart):
    report(motion, tree["leeds"])

    response, page = get(client, url("detail", motion), chart=chart)

    assert response.status_code == 200
    assert breakdown_rows(page) == [("United Kingdom", "1")]
    assert "&lt;script&gt;" not in page and "<script>" not in page.split("<main")[1]


def test_each_chart_is_kept_apart_for_anonymous_readers(client, motion, tree):
    report(motion, tree["leeds"])
    by_country = get(client, url("detail", motion))[1]  # kept for a few seconds

    by_region = get(client, url("detail", motion), chart="region")[1]
    again = get(client, url("detail", motion), chart="nonsense")[1]

    assert breakdown_rows(by_region) == [("North Region (EU)", "1")]
    assert again == by_country


@pytest.mark.parametrize(
    ("language", "lead", "feed_title"),
    [
        ("en", "Adopted by 2 bodies in 2 organisations and 2 countries", "Adoptions: "),
        ("es", "Aprobada por 2 órganos en 2 organizaciones y 2 países", "Aprobaciones: "),
    ],
)
def test_the_motion_page_shows_the_rollup_chart_and_feed_link(
    client, motion, tree, language, lead, feed_title
):
    leeds = report(motion, tree["leeds"], meeting_date=date(2027, 1, 5))
    commit(leeds, CommitmentKind.AFFILIATE)
    forward(leeds, tree["national"])
    report(
        motion,
        tree["madrid"],
        outcome=Outcome.AMENDED,
        language="es",
        amended_resolves="Adherirse a la campaña.\n\nElevar esta moción <b>ya</b>.",
    )

    page = get(client, url("detail", motion, language))[1]

    assert lead in page
    feed = url("feed", motion, language)
    assert (
        f'<link rel="alternate" type="application/atom+xml" href="{feed}" title="{feed_title}'
        in page
    )
    assert 'role="img" aria-labelledby="rollup-countries-title"' in page
    assert "<svg" in page and "<script>" not in page.split("<main")[1].split("</main>")[0]
    assert "EU Conference" in page  # the chain to national level, and "submitted"
    assert "<ins> &lt;b&gt;ya&lt;/b&gt;</ins>" in page  # the amendment, escaped
    assert 'id="adoption-' in page


# --- Feed and JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "outcome"), [("en", "Passed"), ("es", "Aprobada")])
def test_the_atom_feed_has_the_latest_counted_adoptions(client, motion, tree, language, outcome):
    report(motion, tree["leeds"], verified_at=timezone.now())
    report(motion, tree["bristol"], outcome=Outcome.REJECTED)
    report(motion, tree["madrid"], status=AdoptionStatus.SUBMITTED)

    response = client.get(url("feed", motion, language))

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert "max-age" in response["Cache-Control"]
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [f"Leeds Branch (EU): {outcome}"]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    again = client.get(url("feed", motion, language), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_json_document_has_a_stable_shape(client, motion, tree):
    report(motion, tree["leeds"], votes_for=12, verified_at=timezone.now())
    report(motion, tree["bristol"], outcome=Outcome.REJECTED)

    response = client.get(url("adoptions_json", motion))

    document = json.loads(response.content)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert document["counted"] == {"bodies": 1, "organisations": 1, "countries": 1, "adoptions": 1}
    [adoption] = document["adoptions"]
    assert set(adoption) == {
        "id",
        "url",
        "body",
        "parents",
        "organisation",
        "level",
        "level_name",
        "region",
        "country",
        "meeting_date",
        "outcome",
        "outcome_name",
        "votes",
        "verified_at",
    }
    assert (adoption["body"], adoption["parents"], adoption["region"]) == (
        "Leeds Branch",
        ["North Region", "EU Conference"],
        "North Region",
    )
    assert adoption["votes"] == {"for": 12, "against": None, "abstaining": None}
    assert "rita" not in response.content.decode()


def test_a_draft_or_unknown_motion_has_no_table_feed_or_json(client):
    draft = MotionFactory(state=MotionState.DRAFT)
    for name in ("adoptions", "feed", "adoptions_json"):
        assert client.get(url(name, draft)).status_code == 404
    assert client.get("/en/motions/nothing-here/adoptions/").status_code == 404


# --- Export -----------------------------------------------------------------------------------


def test_only_organisers_export_every_report_with_the_reporters_address(client_for, motion, tree):
    verified = report(motion, tree["leeds"], votes_for=3)
    commit(verified, CommitmentKind.DONATE, "250", "GBP")
    report(
        motion,
        tree["bristol"],
        status=AdoptionStatus.SUBMITTED,
        reporter_name='=HYPERLINK("http://evil")',
        reporter_email="sam@example.org",
    )

    responses = assert_access(
        client_for,
        url("export", motion),
        "get",
        {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 403, "moderator": 403, "organiser": 200},
    )

    response = responses["organiser"]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["body"], r["status"], r["counted"]) for r in rows] == [
        ("Leeds Branch", "verified", "true"),
        ("Bristol Branch", "submitted", "false"),
    ]
    assert rows[0]["commitments"] == "donate 250.00 GBP"
    assert rows[1]["reporter_email"] == "sam@example.org"
    assert rows[1]["reporter_name"] == '\'=HYPERLINK("http://evil")'
    assert "sam@example.org" not in responses["moderator"].content.decode()


def test_exporting_an_unknown_motion_is_not_found(client_for):
    assert client_for("organiser").get("/en/motions/nothing-here/adoptions.csv").status_code == 404


def test_the_public_parts_answer_every_persona_alike(client_for, motion, tree):
    report(motion, tree["leeds"], reporter_email="hidden@example.org")
    everyone = dict.fromkeys(("anonymous", "outsider", "viewer", "moderator", "organiser"), 200)
    for name in ("adoptions", "feed", "adoptions_json", "detail"):
        responses = assert_access(client_for, url(name, motion), "get", everyone)
        assert all("hidden@example.org" not in r.content.decode() for r in responses.values())


def test_a_date_filter_that_is_not_a_date_is_said_and_shown_empty(client, motion, tree):
    report(motion, tree["leeds"])

    response, page = get(client, url("adoptions", motion), since="not-a-date")

    assert response.status_code == 200
    assert "Enter a date such as 2027-01-31." in page
    assert 'value="not-a-date"' not in page  # a date input's value is a date or nothing
    assert 'name="since"' in page and page.count('<tr id="adoption-') == 1
