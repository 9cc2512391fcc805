"""The moderation pages: who may see and act (every persona), each step asking first and saying
who is emailed, then acting, logging and emailing (the real SMTP server, both languages); bad
and forged input refused with a message and nothing changed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse

from ayni.motions.enums import AdoptionStatus, CommitmentKind, EmailKind, Level
from ayni.motions.models import Adoption, AdoptionEmail, Commitment, Forwarding
from ayni.motions.tests.factories import report, tree_body
from ayni.motions.tests.reporting_builders import reportable
from tests.access import LOGIN, assert_access
from tests.fixtures import html_body, text_body

pytestmark = pytest.mark.django_db

SEE = {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 200, "moderator": 200, "organiser": 200}
MODERATE = {
    "anonymous": LOGIN,
    "outsider": LOGIN,
    "viewer": 403,
    "moderator": 200,
    "organiser": 200,
}
SUBMITTED = AdoptionStatus.SUBMITTED


def _page(adoption: Adoption) -> str:
    return reverse("admin:motions_adoption_moderate", args=[adoption.pk])


def _step(adoption: Adoption, step: str) -> str:
    return reverse("admin:motions_adoption_step", args=[adoption.pk, step])


def _state(adoption: Adoption) -> tuple:
    row = Adoption.objects.filter(pk=adoption.pk).values_list(
        "status", "rejection_reason", "merged_into", "verified_at"
    )[0]
    return (*row, AdoptionEmail.objects.filter(adoption=adoption).count())


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def submitted():
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED, votes_for=23)
    Commitment.objects.create(adoption=adoption, kind=CommitmentKind.FORWARD)
    return adoption


# --- Who may do what --------------------------------------------------------------------------


def test_everyone_in_the_back_office_sees_the_reports_and_the_queue(client_for, submitted):
    for url in (
        reverse("admin:motions_adoption_changelist"),
        reverse("admin:motions_adoption_change", args=[submitted.pk]),
        reverse("admin:motions_adoption_queue"),
        _page(submitted),
        reverse("admin:motions_forwarding_changelist"),
    ):
        assert_access(client_for, url, "get", SEE)


def test_only_moderators_and_organisers_see_the_steps(client_for, submitted):
    responses = assert_access(client_for, _page(submitted), "get", SEE)

    assert 'id="steps"' not in responses["viewer"].content.decode()
    for persona in ("moderator", "organiser"):
        page = responses[persona].content.decode()
        assert _step(submitted, "verify") in page
        assert _step(submitted, "reject") in page


@pytest.mark.parametrize("step", ["verify", "reject", "merge", "reopen"])
def test_only_moderators_and_organisers_reach_a_steps_question(client_for, step):
    motion, branch = reportable()
    status = AdoptionStatus.VERIFIED if step == "reopen" else SUBMITTED
    adoption = report(motion, branch, status=status)
    other = report(
        motion, branch, status=SUBMITTED, meeting_date=date(2027, 2, 2), email_normalised="o@x.org"
    )
    data = {"reason": "No minutes.", "into": other.pk}

    responses = assert_access(client_for, _step(adoption, step), "post", MODERATE, data=data)

    assert 'name="confirmed"' in responses["moderator"].content.decode()
    assert _state(adoption)[0] == status


def test_a_forged_confirmed_post_without_the_permission_changes_nothing(client_for, submitted):
    before = _state(submitted)

    for step in ("verify", "reject", "merge", "reopen"):
        assert_access(
            client_for,
            _step(submitted, step),
            "post",
            {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 403},
            data={"confirmed": "1", "reason": "No.", "into": submitted.pk},
        )

    assert _state(submitted) == before
    assert not LogEntry.objects.exists()


def test_the_admin_never_edits_adds_or_deletes_a_report(client_for, submitted):
    change = reverse("admin:motions_adoption_change", args=[submitted.pk])
    read_only = {"viewer": 403, "moderator": 403, "organiser": 403}
    assert_access(client_for, change, "post", read_only, data={"status": "verified"})
    assert_access(
        client_for,
        reverse("admin:motions_adoption_delete", args=[submitted.pk]),
        "post",
        read_only,
        data={"post": "yes"},
    )
    assert_access(
        client_for,
        reverse("admin:motions_adoption_add"),
        "get",
        read_only,
    )
    assert _state(submitted)[0] == SUBMITTED


def test_a_report_that_does_not_exist_or_a_step_that_does_not_is_404(client, organiser, submitted):
    client.force_login(organiser)

    assert client.get(reverse("admin:motions_adoption_moderate", args=[99999])).status_code == 404
    assert (
        client.post(reverse("admin:motions_adoption_step", args=[99999, "verify"])).status_code
        == 404
    )
    assert client.post(_step(submitted, "publish")).status_code == 404


def test_a_get_on_a_step_only_goes_to_the_page(client, organiser, submitted):
    client.force_login(organiser)

    response = client.get(_step(submitted, "verify"))

    assert (response.status_code, response["Location"]) == (302, _page(submitted))
    assert _state(submitted)[0] == SUBMITTED


# --- The queue and the page -------------------------------------------------------------------


def test_the_queue_lists_only_reports_waiting_oldest_first(client, moderator):
    motion, branch = reportable()
    region = branch.parent
    newer = report(motion, branch, status=SUBMITTED, confirmed_at=datetime(2027, 3, 2, tzinfo=UTC))
    older = report(motion, region, status=SUBMITTED, confirmed_at=datetime(2027, 3, 1, tzinfo=UTC))
    report(motion, branch, status=AdoptionStatus.PENDING, email_normalised="p@x.org")
    report(motion, branch, status=AdoptionStatus.VERIFIED, meeting_date=date(2026, 5, 5))
    client.force_login(moderator)

    page = client.get(reverse("admin:motions_adoption_queue")).content.decode()

    assert "2 reports wait for a moderator" in page
    assert page.index(_page(older)) < page.index(_page(newer))
    assert page.count("/moderate/") == 2


def test_the_queue_takes_the_same_queries_for_one_report_or_three(
    client, moderator, django_assert_num_queries
):
    motion, branch = reportable()
    client.force_login(moderator)
    url = reverse("admin:motions_adoption_queue")
    report(motion, branch, status=SUBMITTED)
    client.get(url)  # the session and the permissions cached

    with django_assert_num_queries(5) as one:
        client.get(url)
    for n in range(2):
        body = tree_body(f"Branch {n}", Level.BRANCH, parent=branch.parent)
        report(motion, body, status=SUBMITTED)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).content.decode().count("/moderate/") == 3


def test_the_reports_list_filters_and_searches_by_body(client, viewer, django_assert_num_queries):
    motion, branch = reportable()
    report(motion, branch, status=SUBMITTED)
    client.force_login(viewer)
    url = reverse("admin:motions_adoption_changelist")
    client.get(url)

    with django_assert_num_queries(8) as one:
        client.get(url)
    for n in range(2):
        body = tree_body(f"Hull {n}", Level.BRANCH, parent=branch.parent)
        report(motion, body, status=AdoptionStatus.VERIFIED)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)

    found = client.get(url, {"q": "leeds"}).content.decode()
    assert "Leeds Central" in found and "Hull 0" not in found
    verified = client.get(url, {"status__exact": "verified"}).content.decode()
    assert "Hull 1" in verified and "Leeds Central" not in verified
    by_level = client.get(url, {"body__level__exact": Level.BRANCH}).content.decode()
    assert "Hull 1" in by_level
    assert client.get(url, {"status__exact": "nonsense"}).status_code in (200, 302)


def test_the_page_shows_the_report_and_the_other_reports_of_its_body(client, moderator, submitted):
    same = report(
        submitted.motion,
        submitted.body,
        status=AdoptionStatus.VERIFIED,
        email_normalised="s@x.org",
    )
    submitted.evidence_file = "motions/evidence/x.pdf"
    submitted.evidence_type = "application/pdf"
    submitted.amended_resolves = "To affiliate.\n\nTo send delegates."
    submitted.save()
    client.force_login(moderator)

    page = client.get(_page(submitted)).content.decode()

    assert "Leeds Central" in page and "Branch" in page and "under North" in page
    assert "23 for, — against, — abstaining" in page
    assert "Forward the motion to the next level" in page
    assert reverse("motions:evidence", args=[submitted.pk]) in page
    # The amended text against its version's, as the public table shows it.
    assert "To affiliate<del> to the campaign</del>." in page
    assert (
        '<del><span class="visually-hidden">Removed: </span>To forward this motion.</del>' in page
    )
    assert '<ins><span class="visually-hidden">Added: </span>To send delegates.</ins>' in page
    assert _page(same) in page
    assert "the same meeting date" in page
    assert "rita@example.org" in page


def test_the_page_reads_in_spanish(client, moderator, submitted):
    client.force_login(moderator)

    page = client.get(_page(submitted), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Otros informes de esta moción de este órgano" in page
    assert "Verificar" in page


# --- Verify -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "subject", "says"),
    [
        ("en", "Report verified: Leeds Central", "See the motion's page"),
        ("es", "Informe verificado: Leeds Central", "Ver la página de la moción"),
    ],
)
def test_verify_asks_then_publishes_logs_and_emails_the_reporter(
    client, moderator, mailbox, run_tasks, language, subject, says
):
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED, language=language)
    Commitment.objects.create(adoption=adoption, kind=CommitmentKind.FORWARD)
    client.force_login(moderator)

    asked = client.post(_step(adoption, "verify"))

    question = asked.content.decode()
    assert "Rita Reporter will be emailed that it is verified" in question
    assert "forwarded to North" in question
    assert _state(adoption)[0] == SUBMITTED

    done = client.post(_step(adoption, "verify"), {"confirmed": "1"})

    assert done["Location"] == _page(adoption)
    assert _messages(done) == ["The report is verified: it is public and counted."]
    adoption.refresh_from_db()
    assert (adoption.status, adoption.verified_by) == (AdoptionStatus.VERIFIED, moderator)
    assert Forwarding.objects.get(adoption=adoption).to_body == branch.parent
    assert LogEntry.objects.get().get_change_message() == "Verified"
    run_tasks()
    (email,) = mailbox.to("rita@example.org")
    assert email["Subject"] == subject
    assert f"/{language}/motions/{motion.slug}/" in text_body(email)
    assert says in html_body(email)


@pytest.mark.parametrize(
    ("status", "says"),
    [
        (AdoptionStatus.PENDING, "has not confirmed their address"),
        (AdoptionStatus.REJECTED, "reopen it first"),
        (AdoptionStatus.MERGED, "merged into another"),
        (AdoptionStatus.VERIFIED, "verified already"),
    ],
)
def test_verify_refuses_at_once_a_report_not_waiting(client, moderator, status, says):
    motion, branch = reportable()
    adoption = report(motion, branch, status=status)
    before = _state(adoption)
    client.force_login(moderator)

    response = client.post(_step(adoption, "verify"), {"confirmed": "1"})

    assert response.status_code == 302
    (message,) = _messages(response)
    assert message.startswith("The report was not changed:") and says in message
    assert _state(adoption) == before
    assert not LogEntry.objects.exists()


def test_verifying_a_second_report_of_a_verified_meeting_says_to_merge(client, moderator):
    motion, branch = reportable()
    report(motion, branch)
    second = report(motion, branch, status=SUBMITTED, email_normalised="b@x.org")
    client.force_login(moderator)

    response = client.post(_step(second, "verify"), {"confirmed": "1"}, follow=True)

    assert "merge this one into it instead" in response.content.decode()
    assert _state(second)[0] == SUBMITTED


# --- Reject -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "says"),
    [
        ("", "Say why the report is not accepted"),
        ("x" * 2001, "keep it to 2000 at most"),
        ("<b>no</b>", "Please do not use the characters &lt; or &gt;."),
    ],
)
def test_reject_with_a_bad_reason_shows_the_form_again(client, moderator, submitted, reason, says):
    before = _state(submitted)
    client.force_login(moderator)

    response = client.post(_step(submitted, "reject"), {"reason": reason, "confirmed": "1"})

    assert response.status_code == 422
    assert says in response.content.decode()
    assert _state(submitted) == before


@pytest.mark.parametrize(
    ("language", "subject", "again"),
    [
        ("en", "Report not accepted: Leeds Central", "Report the meeting again"),
        ("es", "Informe no aceptado: Leeds Central", "Informa de la reunión de nuevo"),
    ],
)
def test_reject_asks_with_the_reason_then_emails_it(
    client, moderator, mailbox, run_tasks, language, subject, again
):
    motion, branch = reportable()
    adoption = report(motion, branch, status=SUBMITTED, language=language)
    client.force_login(moderator)
    reason = "The minutes say 12 March, not 12 January.\nPlease check."

    asked = client.post(_step(adoption, "reject"), {"reason": reason})

    question = asked.content.decode()
    assert "Rita Reporter will be emailed this reason" in question
    assert "The minutes say 12 March, not 12 January.<br>Please check." in question
    assert _state(adoption)[0] == SUBMITTED

    client.post(_step(adoption, "reject"), {"reason": reason, "confirmed": "1"})

    adoption.refresh_from_db()
    assert (adoption.status, adoption.rejection_reason) == (AdoptionStatus.REJECTED, reason)
    assert LogEntry.objects.get().get_change_message() == f"Rejected: {reason}"
    run_tasks()
    (email,) = mailbox.to("rita@example.org")
    assert email["Subject"] == subject
    assert reason in text_body(email).replace("\r\n", "\n")
    assert f"/{language}/motions/{motion.slug}/report/" in text_body(email)
    assert again in html_body(email)
    assert AdoptionEmail.objects.get().kind == EmailKind.REJECTED


# --- Merge ------------------------------------------------------------------------------------


def test_merge_asks_showing_both_dates_then_merges_and_logs_both(client, moderator, submitted):
    kept = report(
        submitted.motion,
        submitted.body,
        status=AdoptionStatus.VERIFIED,
        meeting_date=date(2027, 1, 21),
        email_normalised="k@x.org",
    )
    client.force_login(moderator)

    asked = client.post(_step(submitted, "merge"), {"into": kept.pk}).content.decode()

    assert "The dates differ: 12 January 2027 and 21 January 2027." in asked
    assert "No one is emailed." in asked
    assert _state(submitted)[0] == SUBMITTED

    client.post(_step(submitted, "merge"), {"into": kept.pk, "confirmed": "1"})

    submitted.refresh_from_db()
    kept.refresh_from_db()
    assert (submitted.status, submitted.merged_into) == (AdoptionStatus.MERGED, kept)
    assert kept.votes_for == 23
    assert sorted(LogEntry.objects.values_list("object_id", "change_message")) == sorted(
        [
            (str(submitted.pk), f"Merged into report #{kept.pk}"),
            (str(kept.pk), f"Report #{submitted.pk} merged into it"),
        ]
    )
    assert AdoptionEmail.objects.count() == 0


def test_merge_refuses_a_forged_choice(client, moderator, submitted):
    other_motion, _branch = reportable("other")
    elsewhere = report(other_motion, submitted.body, status=SUBMITTED, email_normalised="e@x.org")
    before = _state(submitted), _state(elsewhere)
    client.force_login(moderator)

    for into in (submitted.pk, elsewhere.pk, "", "abc", 99999):
        response = client.post(_step(submitted, "merge"), {"into": into, "confirmed": "1"})
        assert response.status_code == 422
        page = response.content.decode()
        assert "Choose" in page

    assert (_state(submitted), _state(elsewhere)) == before
    assert not LogEntry.objects.exists()


# --- Reopen -----------------------------------------------------------------------------------


def test_reopen_asks_then_puts_the_report_back_in_the_queue(client, organiser):
    motion, branch = reportable()
    adoption = report(motion, branch, status=AdoptionStatus.REJECTED, rejection_reason="No.")
    client.force_login(organiser)

    asked = client.post(_step(adoption, "reopen")).content.decode()
    assert "It goes back to the queue" in asked

    client.post(_step(adoption, "reopen"), {"confirmed": "1"})

    assert _state(adoption)[:2] == (SUBMITTED, "")
    assert LogEntry.objects.get().get_change_message() == "Reopened"
    queue = client.get(reverse("admin:motions_adoption_queue")).content.decode()
    assert _page(adoption) in queue


def test_reopen_refuses_a_report_waiting(client, organiser, submitted):
    client.force_login(organiser)

    response = client.post(_step(submitted, "reopen"), {"confirmed": "1"})

    assert _messages(response) == [
        "The report was not changed: Only a verified or rejected report can be reopened."
    ]
