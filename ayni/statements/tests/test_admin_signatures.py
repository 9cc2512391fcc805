from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from ayni.statements.enums import EmailDue, SignatureStatus
from ayni.statements.models import CountryTally, Signature, StatementTally
from ayni.statements.services import (
    reconcile_counts,
    release_held_signatures,
    roll_up_counts,
    sign_statement,
)
from ayni.statements.tests.helpers import (
    confirm_with,
    count,
    emails_to,
    sign_petition,
    signature_for,
    thanked,
    visible,
)
from tests.factories import (
    SignatureFactory,
    StatementFactory,
    UserFactory,
    sign_now,
    withdraw_latest,
)
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:statements_signature_changelist"


def listed(response) -> list[str]:
    """Names in the result table of a changelist page."""
    assert response.status_code == 200
    table = re.search(r'<table id="result_list">.*?</table>', response.content.decode(), re.S)
    return re.findall(
        r'<th class="field-name"><a [^>]*>([^<]*)</a>', table.group(0) if table else ""
    )


@pytest.fixture
def people():
    statement = StatementFactory()
    made = {
        "Ana Quispe": {"email": "ana@mail.bo", "country": "BO", "ip_hash": "aaa111", "day": 4},
        "Ben Smith": {"email": "ben@union.org.uk", "country": "GB", "ip_hash": "bbb222", "day": 5},
        "Carla Díaz": {"email": "carla@mail.bo", "country": "AR", "ip_hash": "aaa111", "day": 6},
    }
    for name, fields in made.items():
        day = fields.pop("day")
        SignatureFactory(
            statement=statement,
            name=name,
            created_at=datetime(2025, 4, day, 12, tzinfo=UTC),
            **fields,
        )
    roll_up_counts()
    return statement


@pytest.mark.parametrize(
    ("term", "names"),
    [
        ("quispe", ["Ana Quispe"]),
        ("ben@union", ["Ben Smith"]),
        ("mail.bo", ["Carla Díaz", "Ana Quispe"]),
        ("aaa111", ["Carla Díaz", "Ana Quispe"]),
        ("aaa", []),  # IP hashes match exactly, not in part
        ("Bolivia", ["Ana Quispe"]),
        ("argentina", ["Carla Díaz"]),
        ("gb", ["Ben Smith"]),
        ("nowhere", []),
    ],
)
def test_signature_search(client, people, term, names):
    client.force_login(UserFactory(role="Staff"))

    response = client.get(reverse(CHANGELIST), {"q": term})

    assert sorted(listed(response)) == sorted(names)


def test_signature_search_by_day_uses_the_viewers_time_zone(client):
    statement = StatementFactory()
    SignatureFactory(
        statement=statement, name="Late Night", created_at=datetime(2025, 4, 3, 2, tzinfo=UTC)
    )
    SignatureFactory(
        statement=statement, name="Midday", created_at=datetime(2025, 4, 3, 12, tzinfo=UTC)
    )
    client.force_login(UserFactory(role="Staff"))

    in_london = listed(client.get(reverse(CHANGELIST), {"q": "2025-04-03"}))  # the default
    client.cookies["ayni_tz"] = "America/La_Paz"  # UTC-4: the 02:00 signature was on 2 April
    in_la_paz = listed(client.get(reverse(CHANGELIST), {"q": "2025-04-03"}))

    assert sorted(in_london) == ["Late Night", "Midday"]
    assert in_la_paz == ["Midday"]
    assert listed(client.get(reverse(CHANGELIST), {"q": "2025-02-30"})) == []
    client.cookies["ayni_tz"] = "Asia/Tokyo"
    for far_off in ("0001-01-01", "9999-12-31"):
        assert listed(client.get(reverse(CHANGELIST), {"q": far_off})) == []


def test_country_filter_lists_only_countries_with_signatures(client, people):
    client.force_login(UserFactory(role="Staff"))

    page = client.get(reverse(CHANGELIST)).content.decode()
    filtered = client.get(reverse(CHANGELIST), {"country": "AR"})

    country_filter = re.search(r'data-filter-title="country".*?</details>', page, re.S).group(0)
    assert re.findall(r'<a href="[^"]*">([^<]+)</a>', country_filter) == [
        "All",
        "Argentina",
        "Bolivia",
        "United Kingdom",
    ]
    assert "France" not in country_filter
    assert listed(filtered) == ["Carla Díaz"]


def test_status_language_and_date_filters_work(client, people):
    Signature.objects.filter(name="Ben Smith").update(status=SignatureStatus.SUSPECT, language="es")
    client.force_login(UserFactory(role="Staff"))

    assert listed(client.get(reverse(CHANGELIST), {"status__exact": "suspect"})) == ["Ben Smith"]
    assert listed(client.get(reverse(CHANGELIST), {"language": "es"})) == ["Ben Smith"]
    by_day = client.get(
        reverse(CHANGELIST),
        {"created_at__year": "2025", "created_at__month": "4", "created_at__day": "4"},
    )
    assert listed(by_day) == ["Ana Quispe"]
    bad = client.get(reverse(CHANGELIST), {"created_at__day": "x"})
    assert bad.status_code == 302 and bad["Location"].endswith("?e=1")


@pytest.mark.parametrize("statements", [1, 3])
def test_signature_changelist_query_count_does_not_grow(
    client, django_assert_num_queries, statements
):
    for _ in range(statements):
        SignatureFactory.create_batch(4, statement=StatementFactory())
    roll_up_counts()
    client.force_login(UserFactory(role="Organiser"))
    url = reverse(CHANGELIST)
    client.get(url)

    # session, user, permissions (2), statement filter and its statements' titles, country
    # filter (from the tallies), filtered count, page rows and their statements' titles, date
    # hierarchy (range, days).
    with django_assert_num_queries(12):
        response = client.get(url)

    assert len(listed(response)) == 4 * statements


# --- Releasing held signatures --------------------------------------------------------------


def release(client, signatures):
    return client.post(
        reverse(CHANGELIST),
        {"action": "release_held", ACTION_CHECKBOX_NAME: [s.pk for s in signatures]},
        follow=True,
    )


def test_release_held_signatures_sends_their_confirmation_email(
    client, settings, mailbox, run_tasks
):
    settings.SIGNATURE_BURST_LIMIT = 2
    statement = StatementFactory()
    for n in range(4):
        sign_statement(
            statement=statement,
            name=f"Person Number{n}",
            email=f"person{n}@example.org",
            country="BO",
            language="es",
            ip_hash="sharedwifi",
        )
    run_tasks()
    held = list(Signature.objects.filter(status=SignatureStatus.SUSPECT).order_by("pk"))
    assert [s.email for s in held] == ["person2@example.org", "person3@example.org"]
    assert len(mailbox.messages) == 2
    not_held = Signature.objects.get(email="person0@example.org")
    client.force_login(UserFactory(role="Moderator"))

    response = release(client, [*held, not_held])
    run_tasks()

    assert "2 held signatures released; their confirmation emails are on their way." in (
        response.content.decode()
    )
    for signature in held:
        signature.refresh_from_db()
        assert signature.status == SignatureStatus.PENDING
        assert signature.emails_sent == 1
        assert not signature.submissions.exclude(email_due=EmailDue.NONE).exists()
        [message] = mailbox.to(signature.email)
        assert "/confirm/" in text_body(message)
    not_held.refresh_from_db()
    assert (not_held.status, not_held.emails_sent) == (SignatureStatus.PENDING, 1)
    assert len(mailbox.messages) == 4  # nobody got a second email


def test_release_leaves_signatures_that_are_not_held_alone(client):
    statement = StatementFactory()
    counted = SignatureFactory(statement=statement)
    invalidated = SignatureFactory(statement=statement, status=SignatureStatus.INVALIDATED)
    client.force_login(UserFactory(role="Organiser"))

    response = release(client, [counted, invalidated])

    assert "None of the selected signatures was held; nothing changed." in (
        response.content.decode()
    )
    assert Signature.objects.get(pk=counted.pk).status == SignatureStatus.CONFIRMED
    assert Signature.objects.get(pk=invalidated.pk).status == SignatureStatus.INVALIDATED


def test_read_only_staff_cannot_release(client):
    held = SignatureFactory(status=SignatureStatus.SUSPECT, confirmed_at=None)
    client.force_login(UserFactory(role="Staff"))

    page = client.get(reverse(CHANGELIST)).content.decode()
    response = release(client, [held])

    assert "release_held" not in page
    assert "released" not in response.content.decode()
    held.refresh_from_db()
    assert held.status == SignatureStatus.SUSPECT
    assert not held.submissions.exclude(email_due="").exists()


def test_signing_again_still_faces_the_rate_limit(settings, run_tasks, mailbox):
    """Releasing skips the limit; signing the same address twice must not."""
    settings.SIGNATURE_BURST_LIMIT = 2
    statement = StatementFactory()
    details = {"statement": statement, "country": "BO", "language": "en", "ip_hash": "bot"}
    for _round in range(2):
        for n in range(4):
            sign_statement(name=f"Bot Number{n}", email=f"bot{n}@example.org", **details)

    run_tasks()

    statuses = list(Signature.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["pending", "pending", "suspect", "suspect"]
    assert len(mailbox.messages) == 2


def test_release_service_counts_only_held_rows():
    held = SignatureFactory(status=SignatureStatus.SUSPECT, confirmed_at=None)
    SignatureFactory(statement=held.statement)

    assert release_held_signatures(signatures=Signature.objects.all()) == 1
    assert release_held_signatures(signatures=Signature.objects.all()) == 0


# --- Edits cannot skew the count (issue 6) ---------------------------------------------------


def edit_signature(client, signature, **changes):
    """Post a signature's change form with every field as shown, changed by `changes`."""
    values = {
        "kind": signature.kind,
        "name": signature.name,
        "country": str(signature.country),
        "organisation": signature.organisation,
        "role": signature.role,
        "comment": signature.comment,
        "show_publicly": "on" if signature.show_publicly else "",
        "wants_updates": "on" if signature.wants_updates else "",
        "status": signature.status,
        "confirmed_at_0": "",
        "confirmed_at_1": "",
        "counted": "",
        "tally_dirty": "",
        "email_normalised": "someone-else@example.org",
        **changes,
    }
    return client.post(
        reverse("admin:statements_signature_change", args=[signature.pk]),
        {key: value for key, value in values.items() if value != ""},
    )


@pytest.mark.parametrize("other_organisation", [False, True])
def test_editing_a_counted_signature_cannot_skew_or_freeze_the_count(client, other_organisation):
    """The failing sequence of issue 6: a counted individual edited to an organisation in another
    country, then withdrawn. Alone, it took the organisations tally below zero and every
    roll-up after it failed; beside another organisation, it skewed the figures silently."""
    statement = StatementFactory()
    signature = SignatureFactory(statement=statement, country="BO", name="Ana Quispe")
    if other_organisation:
        SignatureFactory(statement=statement, country="PE", kind="organisation", organisation="CTA")
    else:
        SignatureFactory(statement=statement, country="PE")
    roll_up_counts()
    client.force_login(UserFactory(role="Organiser"))

    response = edit_signature(
        client,
        signature,
        name="Ana Quispe Mamani",
        kind="organisation",
        organisation="Union",
        country="AR",
        status="withdrawn",
    )
    withdraw_latest(Signature.objects.get(pk=signature.pk))
    roll_up_counts()
    late = SignatureFactory(statement=statement, country="CL")
    roll_up_counts()

    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.name == "Ana Quispe Mamani"  # what may be edited is
    assert (signature.kind, signature.country, signature.counted) == ("individual", "BO", False)
    assert signature.status == SignatureStatus.WITHDRAWN  # by the service, not the form
    assert signature.email_normalised != "someone-else@example.org"
    tally = StatementTally.objects.get(statement=statement)
    assert (tally.total, tally.organisations) == (2, 1 if other_organisation else 0)
    countries = CountryTally.objects.filter(statement=statement, count__gt=0)
    assert dict(countries.values_list("country", "count")) == {"PE": 1, "CL": 1}
    assert Signature.objects.get(pk=late.pk).counted  # later roll-ups still run
    assert reconcile_counts() == []


def test_signature_change_form_shows_counted_fields_read_only(client, people):
    signature = Signature.objects.get(name="Ana Quispe")
    client.force_login(UserFactory(role="Organiser"))

    html = client.get(
        reverse("admin:statements_signature_change", args=[signature.pk])
    ).content.decode()

    for field in ("kind", "country", "status", "confirmed_at", "counted", "email_normalised"):
        assert f'name="{field}"' not in html, field
    assert 'name="name"' in html


def test_the_signature_page_lists_each_sending_of_the_form(client):
    signature = SignatureFactory(name="First Sender", status="pending", confirmed_at=None)
    sign_now(
        statement=signature.statement,
        name="Second Sender",
        email=signature.email,
        country="PE",
        language="es",
        ip_hash="other",
    )
    client.force_login(UserFactory(role="Moderator"))

    html = client.get(
        reverse("admin:statements_signature_change", args=[signature.pk])
    ).content.decode()

    table = html[
        html.index('<table class="submissions">') : html.index(
            "</table>", html.index('<table class="submissions">')
        )
    ]
    assert "First Sender" in table and "Second Sender" in table
    assert "New details for a pending signature" in table
    assert '<th scope="col">Outcome</th>' in table


def test_a_released_held_signature_can_be_confirmed(client, mailbox, run_tasks, petition, settings):
    """signature_spec.rb: #validate! "using the force: true option" on a fraudulent signature —
    transitions to validated and increments the count. ayni: a moderator releases the held
    signature, its confirmation email goes, and the signer confirms."""
    settings.SIGNATURE_BURST_LIMIT = 1
    sign_petition(client, petition, name="Existing Signer", email="existing@example.com")
    sign_petition(client, petition)
    run_tasks()
    held = signature_for("womboid@wimbledon.com")
    assert held.status == SignatureStatus.SUSPECT
    assert not emails_to(mailbox, "womboid@wimbledon.com")
    moderator = Client()
    moderator.force_login(UserFactory(role="Moderator"))

    released = moderator.post(
        reverse("admin:statements_signature_changelist"),
        {"action": "release_held", ACTION_CHECKBOX_NAME: [held.pk]},
        follow=True,
    )
    run_tasks()

    assert "1 held signature released; its confirmation email is on its way." in visible(released)
    [message] = emails_to(mailbox, "womboid@wimbledon.com")
    _page, response = confirm_with(client, message)
    assert "Thank you — your signature is confirmed" in thanked(client, response, petition)
    assert count(petition) == 2
