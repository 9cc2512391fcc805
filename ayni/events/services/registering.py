"""Registering for an event: the supporter's action, double opt-in as for statements.

The form's answer is the same whatever the address's history ("check your inbox"): a new
address is sent a confirmation link; one already registered is sent its own links again; one
cancelled may register anew. A place is taken only when the address is confirmed.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from ayni.core.countries import country_codes
from ayni.core.prepared_insert import insert_row
from ayni.events import selectors
from ayni.events.enums import (
    REGISTRATION_CONSENT,
    REPORT_BACK_CONSENT,
    EmailKind,
    EventState,
    RegistrationStatus,
)
from ayni.events.models import Event, EventEmail, Host, Registration
from ayni.events.services.places import (
    fill_places,
    give_place,
    has_free_place,
    locked_event,
    queue_email,
)
from ayni.supporters.confirm_page import DONE, EXPIRED, READY
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.models import Supporter
from ayni.supporters.normalise import normalise_email
from ayni.supporters.retention import Erased
from ayni.supporters.services import (
    erase_supporter,
    export_supporter,
    record_consents,
    upsert_supporter,
)

CLOSED = "closed"
GONE = "gone"


def registration_open(event: Event, now: datetime | None = None) -> bool:
    """May people register now? Published, after registration opens, before it closes (by
    default when the event ends)."""
    now = now or timezone.now()
    if event.state != EventState.PUBLISHED:
        return False
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    return now < (event.registration_closes_at or event.ends_at)


def register_for_event(
    *,
    event: Event,
    name: str,
    email: str,
    language: str,
    country: str = "",
    organisation: str = "",
    access_needs: str = "",
    wants_updates: bool = False,
    wants_report_back: bool = False,
    via: Host | None = None,
    ip_hash: str = "",
) -> Registration:
    """Take the form. Side effects: a new Registration (pending) and its confirmation email
    due; or, for an address registered already, that registration's links emailed again (its
    details unchanged: only the address's owner, through a link, acts on it); or, for a
    cancelled one, the registration renewed with these details and a confirmation due. The
    per-IP limit is judged when the email is due to go (ayni.events.services.emails)."""
    details = {
        "name": name,
        "country": country,
        "organisation": organisation,
        "access_needs": access_needs,
        "language": language,
        "wants_updates": wants_updates,
        "wants_report_back": wants_report_back,
        "via": via,
    }
    normalised = normalise_email(email)
    fresh = Registration(event=event, email=email, email_normalised=normalised, **details)
    _check(fresh)
    try:
        with transaction.atomic():
            # Most forms are for a new address: the row goes in at once, and the database's
            # unique constraint (event, address) says whether it was new.
            insert_row(fresh)
            queue_email(fresh, EmailKind.CONFIRM, ip_hash=ip_hash)
        return fresh
    except IntegrityError:
        pass
    for attempt in range(2):
        try:
            with transaction.atomic():
                return _register(event, email, normalised, details, ip_hash)
        except IntegrityError:
            # Two forms for one new address at once: the second finds the first's row.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _check(registration: Registration) -> None:
    """full_clean() of what the form gave, without its costly parts: the country is checked
    against the code list (a set) rather than by the field's choices, which walk all 250
    localised names; the uniqueness and the constraints are the database's."""
    registration.full_clean(
        exclude=["event", "via", "supporter", "country"],
        validate_unique=False,
        validate_constraints=False,
    )
    if registration.country and registration.country not in country_codes():
        field = Registration._meta.get_field("country")
        raise ValidationError(
            {"country": field.error_messages["invalid_choice"] % {"value": registration.country}}
        )


def _register(
    event: Event, email: str, normalised: str, details: dict[str, object], ip_hash: str
) -> Registration:
    """The form for an address the event has a registration for already."""
    registration = (
        Registration.objects.select_for_update()
        .filter(event=event, email_normalised=normalised)
        .first()
    )
    if registration is None:
        registration = Registration(event=event, email=email, email_normalised=normalised)
    elif registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
        queue_email(registration, EmailKind.AGAIN, ip_hash=ip_hash)
        return registration
    # Still unconfirmed (the latest form is the one confirmed), or cancelled (anew).
    if registration.status == RegistrationStatus.CANCELLED:
        # Registered anew from now: confirmation links sent before the cancellation are
        # superseded (`confirm_link_state`), so an old email cannot bring the place back.
        registration.created_at = timezone.now()
    for field, value in details.items():
        setattr(registration, field, value)
    registration.email = email
    registration.status = RegistrationStatus.PENDING
    registration.cancelled_at = None
    registration.confirmed_at = None
    # A renewed registration starts afresh: not waiting, not at the door yet.
    registration.waitlisted_at = None
    registration.checked_in_at = None
    registration.save()
    queue_email(registration, EmailKind.CONFIRM, ip_hash=ip_hash)
    return registration


def confirm_link_state(email: EventEmail) -> str:
    """A confirmation link names the email that carried it: READY while it belongs to the
    registration as it stands, "superseded" if the registration was cancelled and made anew
    since that email (its link confirmed the old one)."""
    if email.created_at < email.registration.created_at:
        return "superseded"
    return READY


def registration_state(registration: Registration) -> str:
    """For the confirm page: READY (show the button), DONE (confirmed already) or why not."""
    if registration.status == RegistrationStatus.CANCELLED:
        return GONE
    if registration.status != RegistrationStatus.PENDING:
        return DONE
    return READY if registration_open(registration.event) else CLOSED


def confirm_registration(registration: Registration) -> str:
    """The address is confirmed. Side effects: the Supporter and the consent records; a place
    if one is free (check-in code, "you are registered" email with the calendar file), else
    the waiting list ("you are on the waiting list" email); confirmation emails still due are
    dropped. Twice is harmless. Returns READY, DONE (already) or why not ("closed", "gone")."""
    with transaction.atomic():
        event = locked_event(registration.event_id)
        found = Registration.objects.select_for_update().filter(pk=registration.pk).first()
        if found is None:
            # Erased meanwhile: never confirmed, its link had just expired (retention).
            return EXPIRED
        registration = found
        registration.event = event
        state = registration_state(registration)
        if state != READY:
            return state
        now = timezone.now()
        supporter = upsert_supporter(
            email=registration.email,
            name=registration.name,
            language=registration.language,
            country=str(registration.country),
        )
        purposes = [REGISTRATION_CONSENT.purpose]
        if registration.wants_report_back:
            purposes.append(REPORT_BACK_CONSENT.purpose)
        if registration.wants_updates:
            purposes.append(ConsentPurpose.CAMPAIGN_UPDATES)
        record_consents(
            supporter=supporter,
            purposes=purposes,
            language=registration.language,
            source=f"event-registration:{registration.pk}",
            given_at=now,
        )
        registration.supporter = supporter
        registration.confirmed_at = now
        registration.save(update_fields=["supporter", "confirmed_at"])
        EventEmail.objects.filter(
            registration=registration, kind=EmailKind.CONFIRM, emailed_at__isnull=True
        ).exclude(email_claimed_at__isnull=False).update(email_due="", email_due_at=None)
        if has_free_place(event):
            give_place(registration, email=EmailKind.CONFIRMED)
        else:
            registration.status = RegistrationStatus.WAITLISTED
            registration.waitlisted_at = now
            registration.save(update_fields=["status", "waitlisted_at"])
            queue_email(registration, EmailKind.WAITLISTED)
    return READY


def cancel_registration(registration: Registration) -> str:
    """The registrant cancels. Side effects: status cancelled; a place freed goes to the first
    on the waiting list (who is told). Twice is harmless."""
    with transaction.atomic():
        event = locked_event(registration.event_id)
        found = Registration.objects.select_for_update().filter(pk=registration.pk).first()
        if found is None or found.status == RegistrationStatus.CANCELLED:
            # Cancelled already, or erased meanwhile: nothing holds a place.
            return READY
        registration = found
        had_place = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if had_place:
            fill_places(event)
    return READY


def erase_registration(registration: Registration) -> str:
    """The registrant asks for their data to be erased: the person, not only this row. Side
    effects: a confirmed registrant's Supporter is erased (every app's rows, through
    supporters.services.erase_supporter and the receivers, this app's included); otherwise
    this registration and its emails are deleted. Places freed go to the first waiting."""
    supporter = (
        Registration.objects.filter(pk=registration.pk).values_list("supporter", flat=True).first()
    )
    if supporter is not None:
        erase_supporter(supporter=Supporter.objects.get(pk=supporter))
    else:
        delete_registrations(Registration.objects.filter(pk=registration.pk))
    return READY


def delete_registrations(registrations: QuerySet[Registration]) -> int:
    """Delete these registrations (and their emails); each event whose places they held fills
    them from its waiting list. Returns how many."""
    deleted = 0
    for event_id in sorted(set(registrations.values_list("event_id", flat=True))):
        with transaction.atomic():
            event = locked_event(event_id)
            rows = registrations.filter(event_id=event_id)
            had_place = rows.filter(status=RegistrationStatus.CONFIRMED).exists()
            deleted += rows.delete()[1].get("events.Registration", 0)
            if had_place:
                fill_places(event)
    return deleted


def erase_unconfirmed_registrations(*, ids: list[int], before: datetime) -> Erased:
    """Erase the registrations among `ids` still never confirmed with their last confirmation
    email sent before `before` (the supporters' retention job, ayni.supporters.retention).

    Through `delete_registrations`, which locks each event first, as a confirmation does: one
    racing this either went first (the registration is confirmed and kept) or waits and finds
    it gone. Side effects: those Registration rows and their emails are deleted; places and
    the waiting list are untouched (an unconfirmed registration holds neither).
    """
    expired = selectors.unconfirmed_registrations(before).filter(pk__in=ids)
    # Read before the lock: a Supporter of a registration confirmed meanwhile is kept all the
    # same, since that registration holds them (supporters.selectors.supporter_is_held).
    supporter_ids = frozenset(
        expired.exclude(supporter=None).values_list("supporter_id", flat=True)
    )
    return Erased(forms=delete_registrations(expired), supporter_ids=supporter_ids)


def registration_export(registration: Registration) -> dict[str, object]:
    """One registration as the registrant's data export shows it."""
    return {
        "event": registration.event.title_en,
        "starts_at": registration.event.starts_at.isoformat(),
        "name": registration.name,
        "email": registration.email,
        "country": str(registration.country),
        "organisation": registration.organisation,
        "access_needs": registration.access_needs,
        "language": registration.language,
        "status": registration.status,
        "registered_at": registration.created_at.isoformat(),
        "confirmed_at": registration.confirmed_at.isoformat()
        if registration.confirmed_at
        else None,
        "cancelled_at": registration.cancelled_at.isoformat()
        if registration.cancelled_at
        else None,
        "checked_in_at": (
            registration.checked_in_at.isoformat() if registration.checked_in_at else None
        ),
        "wants_updates": registration.wants_updates,
        "wants_report_back": registration.wants_report_back,
    }


def export_registrant_data(registration: Registration) -> dict[str, object]:
    """What we hold about the person behind this registration: their Supporter record (all
    apps), or just this registration if the address was never confirmed."""
    if registration.supporter is not None:
        return export_supporter(supporter=registration.supporter)
    return {"event_registrations": [registration_export(registration)]}
