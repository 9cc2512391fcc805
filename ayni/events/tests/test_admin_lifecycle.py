"""An event's state buttons: publish, postpone, cancel (asks first, says who is emailed), the
report-back (asks first, says how many asked for it), and the preview of a draft."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from ayni.events.admin import WHO_IS_EMAILED, EventAdmin
from ayni.events.enums import EmailKind, EventState, RegistrationStatus
from ayni.events.models import Event, EventEmail
from ayni.events.tests.admin_fixtures import (
    make_event,
    make_registration,
)

pytestmark = pytest.mark.django_db


def step_url(event: Event, step: str) -> str:
    return reverse("admin:events_event_transition", args=[event.pk, step])


def change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def organiser_client(client_for):
    return client_for("organiser")


def test_a_draft_shows_publish_and_a_preview_of_its_public_page(organiser_client):
    draft = make_event(state=EventState.DRAFT)
    page = organiser_client.get(change_url(draft)).content.decode()
    assert f'action="{step_url(draft, "publish")}"' in page
    assert step_url(draft, "cancel") not in page
    preview = reverse("admin:events_event_preview", args=[draft.pk])
    assert f'href="{preview}"' in page


def test_the_preview_opens_the_public_page_marked_as_a_preview(organiser_client):
    draft = make_event(state=EventState.DRAFT)
    response = organiser_client.get(reverse("admin:events_event_preview", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{draft.slug}/?preview=1"
    response = organiser_client.get(
        reverse("admin:events_event_preview", args=[draft.pk]) + "?language=es"
    )
    assert response["Location"] == f"/es/events/{draft.slug}/?preview=1"
    page = organiser_client.get(response["Location"]).content.decode()
    assert "Solidaridad con Bolivia" in page
    assert 'id="preview-banner"' in page


def test_publish_then_postpone_then_publish_again(organiser_client):
    event = make_event(state=EventState.DRAFT)
    response = organiser_client.post(step_url(event, "publish"), follow=True)
    assert shown_messages(response) == [
        "“Solidarity with Bolivia” is published: people can register."
    ]
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED
    assert event.published_at is not None
    make_registration(event, "Ana Flores")
    # Postponing emails people: it asks first, saying how many.
    question = organiser_client.post(step_url(event, "postpone")).content.decode()
    assert (
        "Postpone “Solidarity with Bolivia”? 1 person registered or waiting will be emailed "
        "that it is postponed, and again when you publish it with its new time." in question
    )
    assert Event.objects.get().state == EventState.PUBLISHED
    response = organiser_client.post(step_url(event, "postpone"), {"confirmed": "1"}, follow=True)
    assert shown_messages(response) == [
        "“Solidarity with Bolivia” is postponed: everyone registered is being emailed."
    ]
    assert Event.objects.get().state == EventState.POSTPONED
    organiser_client.post(step_url(event, "publish"))
    assert Event.objects.get().state == EventState.PUBLISHED


def test_a_step_that_does_not_apply_is_refused_and_changes_nothing(organiser_client):
    event = make_event(state=EventState.DRAFT)
    response = organiser_client.post(step_url(event, "postpone"), follow=True)
    assert shown_messages(response) == [
        "“Solidarity with Bolivia” was not changed: Only a published event can be postponed."
    ]
    assert Event.objects.get().state == EventState.DRAFT


def test_a_step_is_a_post_never_a_link(organiser_client):
    event = make_event(state=EventState.DRAFT)
    response = organiser_client.get(step_url(event, "publish"))
    assert response.status_code == 302
    assert Event.objects.get().state == EventState.DRAFT


def test_cancelling_asks_first_saying_who_will_be_emailed(organiser_client):
    event = make_event()
    ana = make_registration(event, "Ana Flores")
    bea = make_registration(event, "Bea Mamani", status=RegistrationStatus.WAITLISTED)
    make_registration(event, "Gone Person", status=RegistrationStatus.CANCELLED)

    response = organiser_client.post(step_url(event, "cancel"))
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Cancel “Solidarity with Bolivia” for good? 2 people registered or waiting will be "
        "emailed that it is cancelled, with a calendar update removing it. "
        "This cannot be undone." in page
    )
    assert Event.objects.get().state == EventState.PUBLISHED
    assert not EventEmail.objects.exists()

    response = organiser_client.post(step_url(event, "cancel"), {"confirmed": "1"}, follow=True)
    assert shown_messages(response) == [
        "“Solidarity with Bolivia” is cancelled: everyone registered is being emailed."
    ]
    event.refresh_from_db()
    assert (event.state, event.sequence) == (EventState.CANCELLED, 1)
    assert sorted(EventEmail.objects.values_list("registration", "kind")) == [
        (ana.pk, EmailKind.CANCELLED),
        (bea.pk, EmailKind.CANCELLED),
    ]


def test_steps_that_ask_first_have_no_bulk_action(organiser_client):
    event = make_event()
    response = organiser_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "cancel", ACTION_CHECKBOX_NAME: [event.pk]},
    )
    assert Event.objects.get().state == EventState.PUBLISHED
    assert response.status_code == 302  # no such action: back to the list, nothing done
    action_field = organiser_client.get(response["Location"]).context["action_form"]["action"]
    names = [name for name, _label in action_field.field.choices]
    assert ("publish" in names, "cancel" in names, "report_back" in names) == (True, False, False)
    assert "postpone" not in names


def test_every_step_that_asks_first_says_whom_it_emails():
    asking = {step.name for step in EventAdmin.lifecycle_transitions if step.confirm}

    assert asking == set(WHO_IS_EMAILED)


def test_the_question_counts_in_the_language_it_is_asked_in(organiser_client):
    event = make_event()
    make_registration(event, "Ana Flores")
    make_registration(event, "Bea Mamani", status=RegistrationStatus.WAITLISTED)
    make_registration(event, "Gone Person", status=RegistrationStatus.CANCELLED)
    make_registration(event, "Not Yet", status=RegistrationStatus.PENDING)

    page = organiser_client.post(
        step_url(event, "postpone"), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()

    assert (
        "¿Aplazar «Solidarity with Bolivia»? Escribiremos a 2 personas inscritas o en espera "
        "para avisar del aplazamiento, y otra vez cuando lo publiques con su nueva hora." in page
    )


def past_event(**fields) -> Event:
    starts = timezone.now() - timedelta(days=2)
    return make_event(
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        state=EventState.FINISHED,
        report_back_en="We met; **three** points.",
        recording_url="https://www.youtube.com/watch?v=abc",
        **fields,
    )


def test_publishing_the_report_back_says_how_many_then_emails_them_once(organiser_client):
    event = past_event()
    ana = make_registration(event, "Ana Flores", wants_report_back=True)
    make_registration(event, "Bea Mamani", wants_report_back=False)
    make_registration(
        event, "Gone Person", wants_report_back=True, status=RegistrationStatus.CANCELLED
    )
    page = organiser_client.get(change_url(event)).content.decode()
    assert "Publish the report-back" in page

    response = organiser_client.post(step_url(event, "report_back"))
    assert (
        "Publish the report-back of “Solidarity with Bolivia”? 1 registrant asked for it and "
        "will be emailed the recording and the report-back." in response.content.decode()
    )
    assert Event.objects.get().report_back_published_at is None

    response = organiser_client.post(
        step_url(event, "report_back"), {"confirmed": "1"}, follow=True
    )
    assert shown_messages(response) == [
        "The report-back of “Solidarity with Bolivia” is published: its emails are on their way."
    ]
    assert Event.objects.get().report_back_published_at is not None
    assert list(EventEmail.objects.values_list("registration", "kind")) == [
        (ana.pk, EmailKind.REPORT_BACK)
    ]
    page = organiser_client.get(change_url(event)).content.decode()
    assert step_url(event, "report_back") not in page


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"report_back_en": ""},
            "Write the report-back (in English at least) and save before publishing it.",
        ),
        (
            {"starts_at": timezone.now() + timedelta(days=1)},
            "The event is not over yet.",
        ),
    ],
)
def test_a_report_back_is_refused_until_it_can_be_read(organiser_client, fields, reason):
    event = past_event()
    if "starts_at" in fields:
        Event.objects.filter(pk=event.pk).update(
            starts_at=fields["starts_at"],
            ends_at=fields["starts_at"] + timedelta(hours=1),
            state=EventState.PUBLISHED,
        )
    else:
        Event.objects.filter(pk=event.pk).update(**fields)
    make_registration(event, "Ana Flores", wants_report_back=True)
    response = organiser_client.post(
        step_url(event, "report_back"), {"confirmed": "1"}, follow=True
    )
    assert shown_messages(response) == [f"“Solidarity with Bolivia” was not changed: {reason}"]
    assert Event.objects.get().report_back_published_at is None
    assert not EventEmail.objects.exists()


def test_an_event_with_registrations_cannot_be_deleted(organiser_client):
    event = make_event()
    make_registration(event, "Ana Flores")
    response = organiser_client.post(
        reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Event.objects.exists()
