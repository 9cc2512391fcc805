"""What organisers do to an event and its registrations, with what each change tells people."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from ayni.events.enums import EmailKind, EventState, RegistrationStatus
from ayni.events.models import Event, EventMessage, Registration, Speaker
from ayni.events.services.bulk import ON_AGAIN, queue_for_all, revision_key
from ayni.events.services.codes import normalise_code
from ayni.events.services.places import fill_places, give_place, locked_event
from ayni.events.services.signals import send_report_back_changed

EVERYONE = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]


def save_event(*, event: Event, before: Event | None) -> None:
    """After an organiser saved `event` (`before`: as it was, None if new). Side effects:
    a changed time or state raises the calendar revision (SEQUENCE), and everyone registered
    or waiting is told, once per revision: of a new time while it is published (with the
    updated calendar file; reminders follow the new time), of its postponement (no reminders
    while postponed; the calendar entry turns tentative), that it goes ahead when a postponed
    event is published again (with or without a new time), of its cancellation. A published
    event records when; places free (more of them, or freed while it was postponed) go to the
    waiting list. An event whose report-back is published tells the apps that show it
    (signals.report_back_changed: its text, recording or state may have changed)."""
    with transaction.atomic():
        event = locked_event(event.pk)
        changes: list[str] = []
        if event.state == EventState.PUBLISHED and event.published_at is None:
            event.published_at = timezone.now()
            changes.append("published_at")
        moved = cancelled = postponed = resumed = False
        if before is not None:
            moved = (before.starts_at, before.ends_at) != (event.starts_at, event.ends_at)
            cancelled = event.state == EventState.CANCELLED != before.state
            postponed = event.state == EventState.POSTPONED != before.state
            resumed = event.state == EventState.PUBLISHED and before.state == EventState.POSTPONED
            if moved or cancelled or postponed or resumed:
                event.sequence += 1
                changes.append("sequence")
        if changes:
            event.save(update_fields=changes)
        registered = Registration.objects.filter(event=event, status__in=EVERYONE)
        if cancelled:
            queue_for_all(registered, EmailKind.CANCELLED, key=revision_key(event))
        elif postponed:
            queue_for_all(registered, EmailKind.POSTPONED, key=revision_key(event))
        elif resumed:
            queue_for_all(registered, EmailKind.RESCHEDULED, key=revision_key(event, ON_AGAIN))
        elif moved and event.state == EventState.PUBLISHED:
            queue_for_all(registered, EmailKind.RESCHEDULED, key=revision_key(event))
        fill_places(event)
        if event.report_back_published_at is not None:
            send_report_back_changed(event.pk)


def save_event_related(*, event: Event) -> None:
    """After an organiser saved the event's panel (its speakers' key points) and linked
    statements, which the back office saves after the event itself (and so after save_event).
    Side effect: an event whose report-back is published tells the apps that show it
    (signals.report_back_changed)."""
    if event.report_back_published_at is not None:
        send_report_back_changed(event.pk)


def save_speaker(*, speaker: Speaker) -> None:
    """After an organiser saved a speaker (their name, their affiliation). Side effect: each
    event they appear at whose report-back is published tells the apps that show it
    (signals.report_back_changed: the newsroom's articles list the speakers)."""
    events = Event.objects.filter(
        appearances__speaker=speaker, report_back_published_at__isnull=False
    )
    for event_id in events.values_list("pk", flat=True).distinct():
        send_report_back_changed(event_id)


def publish_report_back(*, event: Event) -> int:
    """Publish the report-back. Side effects: its time is recorded (unless it has one), the apps
    that show it are told (signals.report_back_changed: the newsroom's report-back articles),
    and everyone registered who asked for it is emailed the recording and report-back, once (a
    second call sends nothing). Returns how many were offered the email."""
    with transaction.atomic():
        event = locked_event(event.pk)
        if event.report_back_published_at is None:
            event.report_back_published_at = timezone.now()
            event.save(update_fields=["report_back_published_at"])
        send_report_back_changed(event.pk)
    return queue_for_all(
        Registration.objects.filter(event=event, status__in=EVERYONE, wants_report_back=True),
        EmailKind.REPORT_BACK,
        key="report-back",
    )


def send_message(
    *,
    event: Event,
    subject: str,
    body: str,
    include_waitlist: bool,
    sender: User | AnonymousUser | None,
) -> EventMessage:
    """An organiser's message to everyone registered (and the waiting list, if asked).
    Side effects: an EventMessage and one email due per recipient, sent by the worker."""
    message = EventMessage(
        event=event,
        subject=subject,
        body=body,
        include_waitlist=include_waitlist,
        created_by=sender if isinstance(sender, User) else None,
    )
    message.full_clean(exclude=["created_by"])
    message.save()
    statuses = EVERYONE if include_waitlist else [RegistrationStatus.CONFIRMED]
    message.recipients = queue_for_all(
        Registration.objects.filter(event=event, status__in=statuses),
        EmailKind.MESSAGE,
        key=f"message-{message.pk}",
        message=message,
    )
    message.save(update_fields=["recipients"])
    return message


def promote(*, registration: Registration) -> bool:
    """An organiser gives a waiting registrant a place, even past the capacity. Side effects:
    a place and the "a place for you" email. False if they were not waiting."""
    with transaction.atomic():
        locked_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.WAITLISTED:
            return False
        give_place(registration, email=EmailKind.PROMOTED)
    return True


def check_in(*, event: Event, code: str) -> Registration | None:
    """Check in the registrant whose code this is. Side effects: checked_in_at (the first
    time only). None if no registration holding a place has this code."""
    registration = (
        Registration.objects.filter(
            event=event, check_in_code=normalise_code(code), status=RegistrationStatus.CONFIRMED
        )
        .order_by()
        .first()
    )
    if registration is None:
        return None
    Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now()
    )
    registration.refresh_from_db(fields=["checked_in_at"])
    return registration


def finish_past_events() -> int:
    """Published events whose end has passed are finished (periodic job); registration for
    them is closed already."""
    return Event.objects.filter(state=EventState.PUBLISHED, ends_at__lt=timezone.now()).update(
        state=EventState.FINISHED, updated_at=timezone.now()
    )
