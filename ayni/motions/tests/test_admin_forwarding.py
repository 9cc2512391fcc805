"""Forwardings in the back office: moderators and organisers keep their meeting, deadline and
state; staff only see them; a state contradicting the linked result is refused with why."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from ayni.motions.enums import AdoptionStatus, ForwardingState
from ayni.motions.models import Forwarding
from ayni.motions.tests.factories import report
from ayni.motions.tests.reporting_builders import reportable
from tests.access import LOGIN, assert_access

pytestmark = pytest.mark.django_db

KEEP = {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 403, "moderator": 302, "organiser": 302}


@pytest.fixture
def sent() -> Forwarding:
    motion, branch = reportable()
    adoption = report(motion, branch)
    return Forwarding.objects.create(adoption=adoption, to_body=branch.parent)


def _form(**overrides: str) -> dict[str, str]:
    return {
        "meeting": "North Regional Conference",
        "deadline": "2027-02-20",
        "state": "submitted",
    } | overrides


def test_moderators_and_organisers_keep_a_forwardings_meeting_and_deadline(client_for, sent):
    url = reverse("admin:motions_forwarding_change", args=[sent.pk])

    responses = assert_access(client_for, url, "post", KEEP, data=_form())

    sent.refresh_from_db()
    assert (sent.meeting, sent.deadline, sent.state) == (
        "North Regional Conference",
        date(2027, 2, 20),
        ForwardingState.SUBMITTED,
    )
    assert responses["viewer"].status_code == 403
    assert LogEntry.objects.filter(object_id=str(sent.pk)).count() == 2


def test_nobody_adds_or_deletes_a_forwarding(client_for, sent):
    assert_access(
        client_for,
        reverse("admin:motions_forwarding_add"),
        "get",
        {"viewer": 403, "moderator": 403, "organiser": 403},
    )
    assert_access(
        client_for,
        reverse("admin:motions_forwarding_delete", args=[sent.pk]),
        "post",
        {"viewer": 403, "moderator": 403, "organiser": 403},
        data={"post": "yes"},
    )
    assert Forwarding.objects.filter(pk=sent.pk).exists()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (_form(meeting="x" * 201), "at most 200 characters"),
        (_form(deadline="2027-02-31"), "Enter a valid date"),
        (_form(state="maybe"), "Select a valid choice"),
        (_form(state="submitted"), "this forwarding was heard"),
    ],
)
def test_a_bad_edit_is_refused_with_why_and_nothing_saved(client, moderator, sent, data, says):
    motion = sent.adoption.motion
    answer = report(
        motion, sent.to_body, status=AdoptionStatus.VERIFIED, email_normalised="r@x.org"
    )
    Forwarding.objects.filter(pk=sent.pk).update(result=answer, state=ForwardingState.HEARD)
    client.force_login(moderator)

    response = client.post(reverse("admin:motions_forwarding_change", args=[sent.pk]), data)

    assert response.status_code == 200
    assert says in response.content.decode()
    stored = Forwarding.objects.get(pk=sent.pk)
    assert (stored.meeting, stored.deadline, stored.state) == ("", None, ForwardingState.HEARD)


def test_the_forwardings_list_reads_in_both_languages(client, viewer, sent):
    client.force_login(viewer)
    url = reverse("admin:motions_forwarding_changelist")

    english = client.get(url).content.decode()
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "North" in english and "Submitted" in english
    assert "Presentada" in spanish
