from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ayni.statements import services
from ayni.statements.admin_forms import InvalidationForm
from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Invalidation, Signature, StatementTally
from ayni.statements.services import roll_up_counts
from ayni.statements.tests.helpers import count, invalidate_url, signature_for, visible
from tests.factories import SignatureFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


def statuses(statement) -> dict[str, str]:
    return dict(
        Signature.objects.filter(statement=statement).values_list("name", "status").order_by("pk")
    )


@pytest.fixture
def attacked():
    """A statement with real signatures and a burst from one IP and a throwaway domain."""
    statement = StatementFactory()
    SignatureFactory(statement=statement, name="Real Ana", ip_hash="home", country="BO")
    SignatureFactory(statement=statement, name="Real Ben", ip_hash="office", country="GB")
    for n in range(3):
        SignatureFactory(
            statement=statement,
            name=f"Bot Number{n}",
            ip_hash="botnet",
            email=f"bot{n}@spam.test",
            country="US",
        )
    SignatureFactory(
        statement=statement,
        name="Held Bot",
        ip_hash="botnet",
        email="held@spam.test",
        country="US",
        status=SignatureStatus.SUSPECT,
        confirmed_at=None,
    )
    SignatureFactory(
        statement=statement,
        name="Gone Bot",
        ip_hash="botnet",
        status=SignatureStatus.WITHDRAWN,
        show_publicly=False,
    )
    roll_up_counts()
    return statement


def test_preview_shows_how_many_would_change_and_changes_nothing(client, attacked):
    client.force_login(UserFactory(role="Moderator"))
    before = statuses(attacked)

    response = client.post(
        invalidate_url(attacked), {"ip_hash": "botnet", "reason": "Burst", "preview": "1"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "4 signatures would be invalidated." in html
    sample = re.search(r'<table id="sample">.*?</table>', html, re.S).group(0)
    assert {"Bot Number0", "Bot Number1", "Bot Number2", "Held Bot"} <= set(
        re.findall(r"<td>([^<@]+ [^<@]+)</td>", sample)
    )
    assert "Real Ana" not in sample and "Gone Bot" not in sample
    assert 'name="confirm"' in html
    assert re.search(r'type="hidden" name="ip_hash" value="botnet"', html)
    assert statuses(attacked) == before
    assert not Invalidation.objects.exists()


def test_preview_sample_is_capped_at_twenty(client):
    statement = StatementFactory()
    SignatureFactory.create_batch(25, statement=statement, email_domain="many.test")
    client.force_login(UserFactory(role="Organiser"))

    html = client.post(
        invalidate_url(statement), {"email_domain": "many.test", "reason": "x"}
    ).content.decode()

    assert "25 signatures would be invalidated." in html
    sample = re.search(r'<table id="sample">.*?</table>', html, re.S).group(0)
    assert sample.count("<tr>") == 21  # the header and twenty rows


def test_confirm_invalidates_logs_and_the_next_roll_up_drops_count_and_wall(client, attacked):
    moderator = UserFactory(role="Moderator", username="mo")
    client.force_login(moderator)
    assert StatementTally.objects.get(statement=attacked).total == 5
    wall_before = client.get(attacked.get_absolute_url()).content.decode()
    assert "Bot Number1" in wall_before

    response = client.post(
        invalidate_url(attacked),
        {"ip_hash": "botnet", "reason": "Burst from one address", "confirm": "1"},
    )

    dashboard = reverse("admin:statements_statement_dashboard", args=[attacked.pk])
    assert response.status_code == 302
    assert response["Location"] == dashboard
    invalidation = Invalidation.objects.get()
    assert invalidation.criteria == {"ip_hash": "botnet"}
    assert invalidation.affected == 4
    assert invalidation.reason == "Burst from one address"
    assert invalidation.created_by == moderator
    assert statuses(attacked) == {
        "Real Ana": "confirmed",
        "Real Ben": "confirmed",
        "Bot Number0": "invalidated",
        "Bot Number1": "invalidated",
        "Bot Number2": "invalidated",
        "Held Bot": "invalidated",
        "Gone Bot": "withdrawn",
    }
    page = client.get(dashboard).content.decode()
    assert "4 signatures invalidated. The count drops at the next roll-up" in page

    roll_up_counts()

    assert StatementTally.objects.get(statement=attacked).total == 2
    wall = client.get(attacked.get_absolute_url()).content.decode()
    assert "Real Ana" in wall and "Bot Number1" not in wall
    signatories = client.get(
        reverse("statements:signatories", kwargs={"slug": attacked.slug})
    ).content.decode()
    assert "Real Ben" in signatories and "Bot Number" not in signatories


def test_invalidate_by_domain_country_and_dates_together(client):
    statement = StatementFactory()
    start = datetime(2025, 5, 1, 10, 0, tzinfo=UTC)
    for name, domain, country, minutes in (
        ("In Window", "spam.test", "US", 30),
        ("Too Early", "spam.test", "US", -5),
        ("Too Late", "spam.test", "US", 60),
        ("Other Country", "spam.test", "MX", 30),
        ("Other Domain", "fine.test", "US", 30),
    ):
        SignatureFactory(
            statement=statement,
            name=name,
            email_domain=domain,
            country=country,
            created_at=start + timedelta(minutes=minutes),
        )
    client.force_login(UserFactory(role="Organiser"))
    client.cookies["ayni_tz"] = "UTC"  # the organiser's browser says so
    data = {
        "email_domain": "@SPAM.test",
        "country": "US",
        "since": "2025-05-01T10:00",
        "until": "2025-05-01T11:00",
        "reason": "Scripted",
    }

    preview = client.post(invalidate_url(statement), data).content.decode()
    client.post(invalidate_url(statement), {**data, "confirm": "1"})

    assert "1 signature would be invalidated." in preview
    assert statuses(statement)["In Window"] == "invalidated"
    assert list(statuses(statement).values()).count("invalidated") == 1
    invalidation = Invalidation.objects.get()
    assert invalidation.criteria == {
        "email_domain": "spam.test",
        "country": "US",
        "since": "2025-05-01T10:00:00+00:00",
        "until": "2025-05-01T11:00:00+00:00",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "Everything"}, "Give at least one condition"),
        ({"since": "yesterday", "reason": "x"}, "Enter a valid date/time."),
        (
            {"since": "2025-05-02T00:00", "until": "2025-05-01T00:00", "reason": "x"},
            "This must be later than the start.",
        ),
        ({"country": "XX", "reason": "x"}, "Select a valid choice. XX is not one of"),
        ({"email_domain": "ana@spam.test", "reason": "x"}, "Enter a domain such as example.org"),
        ({"email": "not an address", "reason": "x"}, "Enter a valid email address."),
        ({"email": "a" * 250 + "@example.org", "reason": "x"}, "at most 254 characters"),
        ({"ip_hash": "botnet"}, "This field is required."),
        ({"ip_hash": "x" * 33, "reason": "x"}, "at most 32 characters"),
        ({"since": "0001-01-01T00:00", "reason": "x"}, "Enter a date between 2000 and 2999."),
        ({"until": "9999-12-31T23:59", "reason": "x"}, "Enter a date between 2000 and 2999."),
    ],
)
@pytest.mark.parametrize("step", ["preview", "confirm"])
def test_bad_input_shows_the_form_with_an_error_and_changes_nothing(
    client, attacked, data, message, step
):
    client.force_login(UserFactory(role="Organiser"))
    client.cookies["ayni_tz"] = "Asia/Tokyo"  # east of UTC: year 1 would underflow
    before = statuses(attacked)

    response = client.post(invalidate_url(attacked), {**data, step: "1"})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert '<form method="post"' in html and 'name="preview"' in html
    assert 'name="confirm"' not in html
    assert statuses(attacked) == before
    assert not Invalidation.objects.exists()


def test_preview_with_no_match_offers_no_confirm_button(client, attacked):
    client.force_login(UserFactory(role="Organiser"))

    html = client.post(
        invalidate_url(attacked), {"ip_hash": "nobody", "reason": "x"}
    ).content.decode()

    assert "Nothing would change." in html
    assert 'name="confirm"' not in html


def test_change_the_condition_goes_back_to_the_filled_form(client, attacked):
    client.force_login(UserFactory(role="Organiser"))

    html = client.post(
        invalidate_url(attacked), {"ip_hash": "botnet", "reason": "Burst", "edit": "1"}
    ).content.decode()

    assert 'name="preview"' in html
    assert re.search(r'name="ip_hash" value="botnet"', html)
    assert Invalidation.objects.count() == 0


def test_form_is_prefilled_from_the_query_string_and_ignores_unknown_keys(client, attacked):
    client.force_login(UserFactory(role="Organiser"))

    html = client.get(
        invalidate_url(attacked) + "?email_domain=spam.test&status=confirmed"
    ).content.decode()

    assert re.search(r'name="email_domain" value="spam.test"', html)
    assert "status" not in re.search(r"<form method.*?</form>", html, re.S).group(0)
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


@pytest.mark.parametrize("role", ["Staff", None])
def test_invalidation_is_forbidden_to_read_only_staff(client, attacked, role):
    client.force_login(UserFactory(role=role))
    before = statuses(attacked)

    for response in (
        client.get(invalidate_url(attacked)),
        client.post(invalidate_url(attacked), {"ip_hash": "botnet", "reason": "x"}),
        client.post(invalidate_url(attacked), {"ip_hash": "botnet", "reason": "x", "confirm": "1"}),
    ):
        assert response.status_code == 403
        assert "Bot Number" not in response.content.decode()

    assert statuses(attacked) == before
    assert not Invalidation.objects.exists()


def test_invalidation_sends_anonymous_and_non_staff_to_login(client, attacked):
    before = statuses(attacked)
    for user in (None, UserFactory(is_staff=False, role="Organiser")):
        if user:
            client.force_login(user)
        response = client.post(
            invalidate_url(attacked), {"ip_hash": "botnet", "reason": "x", "confirm": "1"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert statuses(attacked) == before


def test_invalidate_missing_statement_is_404(client):
    client.force_login(UserFactory(role="Organiser"))

    response = client.get(reverse("admin:statements_statement_invalidate", args=[999]))

    assert response.status_code == 404


def test_form_normalises_and_builds_criteria():
    form = InvalidationForm(
        {"ip_hash": " ABC ", "email_domain": " @Spam.Test ", "country": "", "reason": "r"}
    )

    assert form.is_valid(), form.errors
    assert form.criteria() == {"ip_hash": "abc", "email_domain": "spam.test"}


def test_form_reads_dates_in_the_current_time_zone():
    with timezone.override("America/La_Paz"):
        form = InvalidationForm({"since": "2025-05-01T10:00", "reason": "r"})
        assert form.is_valid(), form.errors

    assert form.criteria()["since"] == datetime(2025, 5, 1, 14, 0, tzinfo=UTC)


def test_invalidate_by_email_address_through_the_back_office(client, attacked):
    client.force_login(UserFactory(role="Moderator"))
    target = Signature.objects.filter(statement=attacked, name="Bot Number0").get()

    response = client.post(
        invalidate_url(attacked),
        {"email": target.email.upper(), "reason": "Forged in someone's name", "confirm": "1"},
    )

    assert response.status_code == 302
    invalidation = Invalidation.objects.get()
    assert (invalidation.affected, invalidation.criteria) == (1, {"email": target.email.upper()})
    assert statuses(attacked)["Bot Number0"] == "invalidated"
    assert statuses(attacked)["Bot Number1"] == "confirmed"


def test_sysadmin_invalidates_signatures_by_email(client, petition):
    """Scenario: Sysadmin invalidates signatures by email —
    features/admin/invalidating_signatures.feature.

    ayni's invalidation is per statement and runs at once: condition, preview, confirm."""
    SignatureFactory(statement=petition, name="Bob Jones", email="bob.jones@example.com")
    SignatureFactory(statement=petition, name="Real Ana", email="ana@example.org")
    services.roll_up_counts()
    assert count(petition) == 3
    client.force_login(UserFactory(role="Organiser", username="sysadmin"))

    form = client.get(invalidate_url(petition))
    empty = client.post(invalidate_url(petition), {"preview": "1"})
    preview = client.post(
        invalidate_url(petition),
        {"email": "bob.jones@example.com", "reason": "Bob Jones is a fraud", "preview": "1"},
    )
    done = client.post(
        invalidate_url(petition),
        {"email": "bob.jones@example.com", "reason": "Bob Jones is a fraud", "confirm": "1"},
        follow=True,
    )

    assert "Reason" in visible(form)
    assert "This field is required." in visible(empty)  # the reason
    assert "Give at least one condition" in visible(empty)
    assert "1 signature would be invalidated." in visible(preview)
    assert "1 signature invalidated. The count drops at the next roll-up" in visible(done)
    found = visible(
        client.get(reverse("admin:statements_signature_changelist") + "?q=bob.jones@example.com")
    )
    assert "Bob Jones" in found and "Invalidated" in found and "Real Ana" not in found
    invalidation = Invalidation.objects.get()
    assert (invalidation.affected, invalidation.criteria) == (
        1,
        {"email": "bob.jones@example.com"},
    )
    dashboard = client.get(reverse("admin:statements_statement_dashboard", args=[petition.pk]))
    row = re.search(r'<table id="invalidations">.*?</table>', dashboard.content.decode(), re.S)
    assert "email=bob.jones@example.com" in row.group(0)
    assert "Bob Jones is a fraud" in row.group(0)
    assert signature_for("bob.jones@example.com").status == SignatureStatus.INVALIDATED
    assert count(petition) == 2


def test_sysadmin_counts_matching_signatures(client):
    """Scenario: Sysadmin counts matching signatures —
    features/admin/invalidating_signatures.feature (3 petitions signed by the address).

    The preview counts what would change, on the statement it is for, and changes nothing."""
    statements = [StatementFactory(texts={"en": f"Petition {n}"}) for n in range(3)]
    for statement in statements:
        SignatureFactory(statement=statement, name="Bob Jones", email="bob.jones@example.com")
    client.force_login(UserFactory(role="Organiser"))

    preview = client.post(
        invalidate_url(statements[0]),
        {"email": "bob.jones@example.com", "reason": "Bob Jones is a fraud", "preview": "1"},
    )

    assert "1 signature would be invalidated." in visible(preview)
    assert 'name="confirm" value="Invalidate this signature"' in preview.content.decode()
    assert not Invalidation.objects.exists()
    assert set(Signature.objects.values_list("status", flat=True)) == {SignatureStatus.CONFIRMED}


def test_sysadmin_cancels_an_invalidation(client, petition):
    """Scenario: Sysadmin cancels an invalidation — features/admin/invalidating_signatures.feature.

    In ayni nothing is stored until the confirm button: cancelling the preview (its Cancel link,
    or "Change the condition") leaves every signature and the log as they were."""
    SignatureFactory(statement=petition, name="Bob Jones", email="bob.jones@example.com")
    client.force_login(UserFactory(role="Organiser"))
    data = {"email": "bob.jones@example.com", "reason": "Bob Jones is a fraud"}

    preview = client.post(invalidate_url(petition), {**data, "preview": "1"}).content.decode()
    dashboard = reverse("admin:statements_statement_dashboard", args=[petition.pk])
    assert re.search(rf'<a href="{dashboard}" class="closelink">Cancel</a>', preview)
    edit = client.post(invalidate_url(petition), {**data, "edit": "1"})

    assert 'name="preview"' in edit.content.decode()
    assert not Invalidation.objects.exists()
    assert signature_for("bob.jones@example.com").status == SignatureStatus.CONFIRMED
    assert count(petition) == 2
