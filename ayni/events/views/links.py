"""The registrant's own pages, reached through the signed links in their emails."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ayni.events import display, selectors, tokens
from ayni.events.enums import EventState, RegistrationStatus
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.services import calendar, registering
from ayni.events.views.common import ICS_TYPE, is_past, language
from ayni.supporters.confirm_page import DONE, READY, ConfirmAction, confirm_view, unusable_page
from ayni.supporters.links import SignedLink


def _manage_url(registration: Registration) -> str:
    return reverse("events:manage", kwargs={"token": tokens.MANAGE.make(registration.pk)})


def _to_manage_page(registration: Registration) -> HttpResponse:
    return redirect(_manage_url(registration))


def _event_context(registration: Registration) -> dict[str, object]:
    event = registration.event
    return {"registration": registration, "event": event, "when": display.event_time(event)}


def _unusable_context(registration: Registration | None) -> dict[str, object]:
    return {"event": registration.event if registration is not None else None}


def _cancel_state(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CANCELLED:
        return DONE
    if is_past(registration.event):
        # Nothing to cancel once it is over (and no place to hand on).
        return "closed"
    return READY


def _cancel(registration: Registration) -> str:
    state = _cancel_state(registration)
    return registering.cancel_registration(registration) if state == READY else state


# What every link of a registration shares: the row it names and the page when it is dead.
_registration_link = functools.partial(
    ConfirmAction,
    load=selectors.registration_for_link,
    context=_event_context,
    unusable_template="events/link_unusable.html",
    unusable_context=_unusable_context,
)

# A confirm link names the email that carried it (see registering.confirm_link_state).
REGISTRATION_CONFIRM: ConfirmAction[EventEmail] = ConfirmAction(
    link=tokens.CONFIRM,
    load=selectors.confirm_email_for_link,
    usable=registering.confirm_link_state,
    template="events/registration_confirm.html",
    confirm=lambda email: registering.confirm_registration(email.registration),
    state=lambda email: registering.registration_state(email.registration),
    done=lambda email: _to_manage_page(email.registration),
    context=lambda email: _event_context(email.registration),
    unusable_template="events/link_unusable.html",
    unusable_context=lambda email: _unusable_context(email.registration if email else None),
)
REGISTRATION_CANCEL: ConfirmAction[Registration] = _registration_link(
    link=tokens.MANAGE,
    template="events/registration_cancel.html",
    confirm=_cancel,
    state=_cancel_state,
    done_template="events/registration_cancelled.html",
)
REGISTRATION_ERASE: ConfirmAction[Registration] = _registration_link(
    link=tokens.MANAGE,
    template="events/registration_erase.html",
    confirm=registering.erase_registration,
    done_template="events/registration_erased.html",
)
registration_confirm = confirm_view(REGISTRATION_CONFIRM)
registration_cancel = confirm_view(REGISTRATION_CANCEL)
registration_erase = confirm_view(REGISTRATION_ERASE)


RegistrationView = Callable[[HttpRequest, Registration, str], HttpResponse]


def registrant_link(link: SignedLink) -> Callable[[RegistrationView], Callable[..., HttpResponse]]:
    """A view of the registration a `link` names, never cached, for GET (and HEAD). A link that
    names none: 410 for an expired one, 404 for a forged one, one made for another purpose, or
    one whose registration was erased."""

    def decorate(view: RegistrationView) -> Callable[..., HttpResponse]:
        @never_cache
        @require_safe
        @functools.wraps(view)
        def linked(request: HttpRequest, token: str) -> HttpResponse:
            read = link.read(token)
            if read.expired:
                return unusable_page(request, REGISTRATION_CANCEL, "expired", None)
            registration = selectors.registration_for_link(read.row_id) if read.row_id else None
            if registration is None:
                raise Http404
            return view(request, registration, token)

        return linked

    return decorate


def _gone(request: HttpRequest, registration: Registration, reason: str = "gone") -> HttpResponse:
    return unusable_page(request, REGISTRATION_CANCEL, reason, registration)


@registrant_link(tokens.MANAGE)
def registration_manage(
    request: HttpRequest, registration: Registration, token: str
) -> HttpResponse:
    event = registration.event
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    live = registration.status != RegistrationStatus.CANCELLED
    context = {
        **_event_context(registration),
        "token": token,
        "past": is_past(event),
        "map_url": display.map_url(event),
        "position": (
            selectors.waiting_position(registration)
            if registration.status == RegistrationStatus.WAITLISTED
            else None
        ),
        "check_in_code": registration.check_in_code if confirmed and event.has_venue else "",
        "join_url": (
            reverse("events:join", kwargs={"token": tokens.JOIN.make(registration.pk)})
            if confirmed and event.is_online and event.state != EventState.CANCELLED
            else ""
        ),
        "may_cancel": live and _cancel_state(registration) == READY,
        "has_calendar": live,
    }
    return render(request, "events/registration_manage.html", context)


@registrant_link(tokens.MANAGE)
def registration_ics(request: HttpRequest, registration: Registration, token: str) -> HttpResponse:
    """The registrant's calendar file: the event, with their own join link when they have a
    place at an online event."""
    if registration.status == RegistrationStatus.CANCELLED:
        return _gone(request, registration)
    event = registration.event
    join_url = ""
    if registration.status == RegistrationStatus.CONFIRMED and event.is_online:
        join_url = settings.SITE_URL + reverse(
            "events:join", kwargs={"token": tokens.JOIN.make(registration.pk)}
        )
    body = calendar.event_ics(event, language=language(), join_url=join_url)
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{calendar.ics_filename(event)}"'
    return response


@registrant_link(tokens.MANAGE)
def registration_data(request: HttpRequest, registration: Registration, token: str) -> HttpResponse:
    """The registrant's own data as JSON (right of access), through the link in their email."""
    response = JsonResponse(
        registering.export_registrant_data(registration), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


def join_opens_at(event: Event) -> datetime:
    return event.starts_at - timedelta(minutes=settings.EVENT_JOIN_OPENS_MINUTES)


@registrant_link(tokens.JOIN)
def registration_join(request: HttpRequest, registration: Registration, token: str) -> HttpResponse:
    """A confirmed registrant's way in: from EVENT_JOIN_OPENS_MINUTES before the start to the
    end, a redirect to the meeting's address as it is now (changed at the last minute, it
    still reaches everyone); before, the time and a countdown; after, the recording."""
    event = registration.event
    if registration.status == RegistrationStatus.CANCELLED:
        return _gone(request, registration)
    if event.state == EventState.CANCELLED:
        return _gone(request, registration, "event_cancelled")
    now = timezone.now()
    opens_at = join_opens_at(event)
    state = _join_state(registration, now, opens_at)
    if state == "open":
        response = HttpResponseRedirect(event.meeting_url)
        # The meeting's host need not learn the registrant's personal link.
        response["Referrer-Policy"] = "no-referrer"
        return response
    context = {
        **_event_context(registration),
        "state": state,
        "opens_at": display.local_moment(event, opens_at),
        "opens_iso": opens_at.astimezone(UTC).isoformat(),
        "map_url": display.map_url(event),
        "manage_url": _manage_url(registration),
        "position": (selectors.waiting_position(registration) if state == "waitlisted" else None),
    }
    return render(request, "events/registration_join.html", context)


def _join_state(registration: Registration, now: datetime, opens_at: datetime) -> str:
    event = registration.event
    if registration.status == RegistrationStatus.PENDING:
        return "pending"
    if registration.status == RegistrationStatus.WAITLISTED:
        return "waitlisted"
    if now >= event.ends_at or event.state == EventState.FINISHED:
        return "ended"
    if event.state == EventState.POSTPONED:
        return "postponed"
    if not event.is_online:
        return "in_person"
    if now < opens_at:
        return "early"
    if not event.meeting_url:
        return "no_link"
    return "open"
