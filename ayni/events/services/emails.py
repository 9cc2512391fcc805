"""The emails of a registration, each an EventEmail row sent through the supporters' outbox.

`prepare` decides, when a row is claimed, whether its email is still due (a reminder for a
registration cancelled since, or for a start time changed since, is not) and what it says.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from ayni.events import selectors, tokens
from ayni.events.enums import EmailKind, EventState, RegistrationStatus
from ayni.events.models import EventEmail, Registration
from ayni.events.services.bulk import ON_AGAIN, revision_of
from ayni.events.services.calendar import event_ics, ics_content_type, ics_filename
from ayni.events.services.registering import registration_open
from ayni.events.services.reminders import start_key
from ayni.supporters import limits, outbox
from ayni.supporters.emails import absolute_url

# Who each kind of email is for, by the registration's status when it is sent.
FOR = {
    EmailKind.CONFIRM: {RegistrationStatus.PENDING},
    EmailKind.AGAIN: {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED},
    EmailKind.CONFIRMED: {RegistrationStatus.CONFIRMED},
    EmailKind.WAITLISTED: {RegistrationStatus.WAITLISTED},
    EmailKind.PROMOTED: {RegistrationStatus.CONFIRMED},
    EmailKind.REMINDER: {RegistrationStatus.CONFIRMED},
    EmailKind.POSTPONED: {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED},
    EmailKind.RESCHEDULED: {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED},
    EmailKind.CANCELLED: {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED},
    EmailKind.REPORT_BACK: {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED},
    EmailKind.MESSAGE: {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED},
}
# These tell of one revision of the event (their key): a later one supersedes them.
SUPERSEDED_BY_REVISION = {EmailKind.RESCHEDULED, EmailKind.CANCELLED}
# These carry the event for the registrant's calendar.
WITH_CALENDAR = {
    EmailKind.CONFIRMED,
    EmailKind.PROMOTED,
    EmailKind.POSTPONED,
    EmailKind.RESCHEDULED,
    EmailKind.CANCELLED,
    EmailKind.AGAIN,
}


def registration_links(
    registration: Registration, *, confirm_email: int | None = None
) -> dict[str, str]:
    """The registrant's links, in their language. `withdraw_url` (the footer's) is their own
    page, where they can cancel. A confirmation email's link (`confirm_url`) names that email
    (`confirm_email`, its EventEmail id), so a link from before a cancellation is known."""
    language = registration.language
    manage = tokens.MANAGE.make(registration.pk)
    confirm = {}
    if confirm_email is not None:
        confirm["confirm_url"] = absolute_url(
            "events:confirm", language=language, token=tokens.CONFIRM.make(confirm_email)
        )
    return {
        **confirm,
        "manage_url": absolute_url("events:manage", language=language, token=manage),
        "join_url": absolute_url(
            "events:join", language=language, token=tokens.JOIN.make(registration.pk)
        ),
        "ics_url": absolute_url("events:registration_ics", language=language, token=manage),
        "withdraw_url": absolute_url("events:cancel", language=language, token=manage),
        "data_url": absolute_url("events:data", language=language, token=manage),
        "erase_url": absolute_url("events:erase", language=language, token=manage),
        "event_url": absolute_url("events:detail", language=language, slug=registration.event.slug),
    }


def send_event_email(email_id: int, connection: BaseEmailBackend, free: outbox.Unclaimed) -> str:
    """Side effects: claims the row, sends its email if still due, empties its outbox."""
    return outbox.send_due(EventEmail, email_id, prepare, connection=connection, free=free)


def _why_not_due(row: EventEmail) -> str:
    """ "" if the row's email is still due, else why not."""
    registration = row.registration
    event = registration.event
    if registration.status not in FOR[EmailKind(row.kind)]:
        return "no longer due"
    if row.kind == EmailKind.CONFIRM and not registration_open(event):
        # Its link could only say that registration has closed.
        return "no longer due"
    if row.kind in SUPERSEDED_BY_REVISION and revision_of(row.key) != f"{event.sequence}":
        # The event changed again since: the email about the latest change goes instead.
        return "no longer due"
    if row.kind == EmailKind.POSTPONED and event.state != EventState.POSTPONED:
        # On again or cancelled since: that email goes instead (a new time while it is
        # postponed still leaves it postponed, and this email due).
        return "no longer due"
    held = row.kind in (EmailKind.CONFIRM, EmailKind.AGAIN) and row.ip_hash
    if held and limits.over_rate_limit(
        EventEmail.objects.filter(ip_hash=row.ip_hash, created_at__lte=row.created_at),
        at=row.created_at,
    ):
        return "held"
    if row.kind == EmailKind.REMINDER and (
        event.state != EventState.PUBLISHED
        or timezone.now() >= event.ends_at
        # The time has changed since: the new time has reminders of its own.
        or not row.key.endswith(f"@{start_key(event)}")
    ):
        return "no longer due"
    waiting = registration.status == RegistrationStatus.WAITLISTED
    if row.message is not None and waiting and not row.message.include_waitlist:
        return "no longer due"
    return ""


def prepare(email_id: int) -> outbox.DueEmail | str:
    row = selectors.email_to_send(email_id)
    if row is None:
        return "no longer due"
    reason = _why_not_due(row)
    if reason:
        return reason
    registration = row.registration
    event = registration.event
    links = registration_links(
        registration, confirm_email=row.pk if row.kind == EmailKind.CONFIRM else None
    )
    attachments: tuple[tuple[str, bytes, str], ...] = ()
    if row.kind in WITH_CALENDAR and (
        registration.status == RegistrationStatus.CONFIRMED or row.kind == EmailKind.CANCELLED
    ):
        ics = event_ics(event, language=registration.language, join_url=links["join_url"])
        attachments = ((ics_filename(event), ics, ics_content_type(event)),)
    return outbox.DueEmail(
        to=registration.email,
        template=f"events/email/{row.kind}",
        context={
            "registration": registration,
            "event": event,
            "message": row.message,
            "hours": row.key.split("h@")[0] if row.kind == EmailKind.REMINDER else "",
            "on_again": row.kind == EmailKind.RESCHEDULED and row.key.endswith(f":{ON_AGAIN}"),
            "join_opens_minutes": settings.EVENT_JOIN_OPENS_MINUTES,
        },
        language=registration.language,
        links=links,
        message_id_key=f"event-email-{row.pk}",
        attachments=attachments,
        # The rest is the event's, the same for all its registrants in a language: rendered
        # once per shape (ayni.core.mail_shapes; the templates read no related rows).
        personal=("registration",),
    )
