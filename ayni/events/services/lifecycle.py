"""An event's states as organisers move it: draft → published → postponed / cancelled, and
the report-back once it is over. Each step refuses (ValidationError, nothing changed) when it
does not apply, and tells people through `backoffice.save_event` what the change means for them."""

from __future__ import annotations

import logging
from collections.abc import Collection
from copy import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from ayni.events.enums import EventState
from ayni.events.models import Event
from ayni.events.services.backoffice import publish_report_back, save_event
from ayni.events.services.places import locked_event

logger = logging.getLogger(__name__)


def _move(
    event: Event, *, to: EventState, allowed: Collection[str], refusal: StrOrPromise
) -> Event:
    with transaction.atomic():
        current = locked_event(event.pk)
        if current.state not in allowed:
            raise ValidationError(refusal, code="state")
        before = copy(current)
        current.state = to
        current.save(update_fields=["state", "updated_at"])
        save_event(event=current, before=before)
    event.refresh_from_db()
    logger.info("Event %s: %s → %s", event.slug, before.state, to)
    return event


def publish_event(*, event: Event) -> Event:
    """Show a draft (or a postponed event, with its new time) at its public address and open
    registration. Side effects (save_event): state, published_at the first time; for a
    postponed event, the calendar revision rises and everyone registered or waiting is
    emailed that it goes ahead, and when, with the calendar file confirming it."""
    return _move(
        event,
        to=EventState.PUBLISHED,
        allowed={EventState.DRAFT, EventState.POSTPONED},
        refusal=_("Only a draft or a postponed event can be published."),
    )


def postpone_event(*, event: Event) -> Event:
    """Postponed: the page says so and registration closes until it is published again (with
    its new time). Side effects (save_event): the calendar revision rises and everyone
    registered or waiting is emailed that it is postponed (with the calendar file marking it
    tentative); no reminders go while it is postponed."""
    return _move(
        event,
        to=EventState.POSTPONED,
        allowed={EventState.PUBLISHED},
        refusal=_("Only a published event can be postponed."),
    )


def cancel_event(*, event: Event) -> Event:
    """Cancelled, for good. Side effects (save_event): the calendar revision rises and everyone
    registered or waiting is emailed the cancellation, with a calendar file removing it."""
    return _move(
        event,
        to=EventState.CANCELLED,
        allowed={EventState.PUBLISHED, EventState.POSTPONED},
        refusal=_("Only a published or postponed event can be cancelled."),
    )


def publish_event_report_back(*, event: Event) -> int:
    """Publish the report-back of an event that is over and has one written. Side effects
    (backoffice.publish_report_back): its time, and the email with the recording and the
    report-back to each registrant who asked for it, once. Returns how many were offered it."""
    if event.report_back_published_at is not None:
        raise ValidationError(_("The report-back is published already."), code="published")
    if event.ends_at > timezone.now():
        raise ValidationError(_("The event is not over yet."), code="not_over")
    if event.state not in (EventState.PUBLISHED, EventState.FINISHED):
        raise ValidationError(_("Only an event that took place has a report-back."), code="state")
    if not event.report_back_en.strip():
        raise ValidationError(
            _("Write the report-back (in English at least) and save before publishing it."),
            code="empty",
        )
    offered = publish_report_back(event=event)
    logger.info("Event %s: report-back published, %d offered the email", event.slug, offered)
    return offered
