"""The public pages of events: the list and its calendar feed, an event's page and its
register form, speakers, and the registrant's own pages reached through their emailed links.

The meeting's address is on none of them: only `registration_join` reads it, at the moment a
confirmed registrant follows their link, and answers with a redirect to it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ayni.core.campaign import current_campaign
from ayni.core.clientip import client_ip_hash
from ayni.core.conditional import not_modified
from ayni.core.markdown import render_markdown
from ayni.core.middleware import content_security_policy
from ayni.events import display, selectors, share_card, tokens
from ayni.events.enums import (
    REGISTRATION_CONSENT,
    EventState,
    RegistrationStatus,
)
from ayni.events.forms import EventFilterForm, RegisterForm
from ayni.events.models import Event, EventEmail, Registration
from ayni.events.services import calendar, registering
from ayni.statements import selectors as statement_selectors
from ayni.supporters.confirm_page import DONE, READY, ConfirmAction, confirm_view, unusable_page
from ayni.supporters.links import SignedLink

ICS_TYPE = "text/calendar; charset=utf-8"
# Calendar apps poll a feed often; a few minutes' delay on a change is fine.
FEED_MAX_AGE = 300


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def _is_past(event: Event) -> bool:
    return event.state == EventState.FINISHED or event.ends_at <= timezone.now()


# --- The list and the feed ---------------------------------------------------------------------


@dataclass(frozen=True)
class ListedEvent:
    event: Event
    when: display.EventTime
    languages: list[str]
    panel: list[Any]
    places: selectors.Places | None  # None: not counted (a past event)


def _listed(events: Any, *, counted: bool) -> list[ListedEvent]:
    return [
        ListedEvent(
            event=event,
            when=display.event_time(event),
            languages=display.language_names(event.language_codes),
            panel=display.panel(event.appearances.all()),
            places=(selectors.Places(event.places_taken, 0, event.capacity) if counted else None),
        )
        for event in events
    ]


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = form.filters()
    upcoming = selectors.with_places_taken(selectors.upcoming_events(**filters))
    past = selectors.past_events(**filters)
    return render(
        request,
        "events/event_list.html",
        {
            "form": form,
            "filtered": any(filters.values()),
            "upcoming": _listed(upcoming, counted=True),
            "past": _listed(past, counted=False),
            **_feed_links(),
        },
    )


def _feed_links() -> dict[str, str]:
    feed = settings.SITE_URL + reverse("events:feed")
    return {"feed_url": feed, "webcal_url": "webcal://" + feed.split("://", 1)[-1]}


@require_safe
def event_feed(request: HttpRequest) -> HttpResponse:
    """The upcoming public events as one calendar, for calendar apps to subscribe to."""
    name = _("Events · %(site)s") % {"site": current_campaign().name}
    body = calendar.feed_ics(selectors.upcoming_events(), language=_language(), name=name)
    return HttpResponse(
        body, content_type=ICS_TYPE, headers={"Cache-Control": f"public, max-age={FEED_MAX_AGE}"}
    )


# --- An event's page and its register form ---------------------------------------------------


def _linked_statements(event: Event) -> list[tuple[Any, Any]]:
    statements = statement_selectors.public_statements().filter(
        pk__in=event.statements.values("pk")
    )
    return [(s, statement_selectors.statement_text(s)) for s in statements]


def _page_context(
    request: HttpRequest, event: Event, form: RegisterForm | None = None
) -> dict[str, Any]:
    now = timezone.now()
    past = _is_past(event)
    published = event.state == EventState.PUBLISHED
    opens_later = bool(
        published and event.registration_opens_at and now < event.registration_opens_at
    )
    panel = display.panel(event.appearances.all())
    via = request.GET.get("via", "")[:40]
    context: dict[str, Any] = {
        "event": event,
        "when": display.event_time(event),
        "past": past,
        "description_html": render_markdown(event.text("description")),
        "accessibility": event.text("accessibility"),
        "languages": display.language_names(event.language_codes),
        "map_url": display.map_url(event),
        "panel": panel,
        "agenda": list(event.agenda.all()),
        "hosts": list(event.hosts.all()),
        "registration_open": registering.registration_open(event, now),
        "registration_opens": (
            display.local_moment(event, event.registration_opens_at)  # type: ignore[arg-type]
            if opens_later
            else ""
        ),
        "registration_closed": published and not past and not opens_later,
        "places": selectors.places(event) if published and not past else None,
        "form": form
        or RegisterForm(initial={"via": via if via.replace("-", "").isalnum() else ""}),
        "consent_text": REGISTRATION_CONSENT.text,
        "share_url": settings.SITE_URL + event.get_absolute_url(),
    }
    if not event.image:
        # The server-drawn card stands in for the image the event does not have (og:image).
        context.update(
            card_url=settings.SITE_URL + reverse("events:card", kwargs={"slug": event.slug}),
            card_alt=share_card.card_alt(event, language=_language()),
        )
    if past:
        context.update(
            recording=display.recording(event.recording_url),
            report_back_html=render_markdown(event.text("report_back")),
            follow_up_html=render_markdown(event.text("follow_up")),
            key_points=[
                (appearance, render_markdown(appearance.key_points))
                for appearance in panel
                if appearance.key_points.strip()
            ],
            linked_statements=_linked_statements(event),
        )
    return context


def _render_page(
    request: HttpRequest, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    response = render(request, "events/event_detail.html", context, status=status)
    recording = context.get("recording")
    if recording is not None and recording.embed_url:
        # The player the visitor may click to load: its origin, and only on this page.
        response["Content-Security-Policy"] = content_security_policy(frame_src=(recording.origin,))
    return response


def _may_preview(request: HttpRequest) -> bool:
    """A draft's page for the back office: staff who may change events."""
    user = request.user
    return "preview" in request.GET and user.is_staff and user.has_perm("events.change_event")


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if _may_preview(request):
        event = selectors.event_for_page(slug, include_drafts=True)
        if event is None:
            raise Http404
        return event_preview(request, event)
    event = selectors.event_for_page(slug)
    if event is None:
        raise Http404
    return _render_page(request, _page_context(request, event))


# Long enough to spare the server a crawler's bursts, short enough that a new time or state
# shows soon after the organiser saves it.
CARD_MAX_AGE = 300


@require_safe
def event_card(request: HttpRequest, slug: str) -> HttpResponse:
    """The event's share card (og:image): a PNG in the page's language, conditional (ETag)."""
    event = selectors.public_event(slug)
    if event is None:
        raise Http404
    card = share_card.event_card(event, language=_language())
    headers = {"Cache-Control": f"public, max-age={CARD_MAX_AGE}", "ETag": card.etag}
    if not_modified(request, card.etag):
        return HttpResponse(status=304, headers=headers)
    png = share_card.card_png(event, language=card.language)
    return HttpResponse(png, content_type="image/png", headers=headers)


@never_cache
def event_preview(request: HttpRequest, event: Event) -> HttpResponse:
    """The event's page as the public will see it, for those who may change events (the
    caller checks): a draft under a "not published" banner, the register form disabled."""
    context = _page_context(request, event)
    context.update(preview=True, published=event.is_public, registration_open=True)
    return _render_page(request, context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.public_event(slug)
    if event is None:
        raise Http404
    if request.method != "POST":
        # The address a form with errors comes back under (without JavaScript): reloading
        # it or sharing it leads to the form on the event's page.
        return redirect(event.get_absolute_url() + "#register")
    if not registering.registration_open(event):
        return render(
            request,
            "events/registration_closed.html",
            {"event": event, "past": _is_past(event)},
            status=409,
        )
    form = RegisterForm(request.POST)
    # The same answer for a bot, a new address and one registered already.
    if form.is_bot:
        return redirect("events:sent", slug=event.slug)
    if not form.is_valid():
        full = selectors.event_for_page(slug)
        if full is None:
            raise Http404
        return _render_page(request, _page_context(request, full, form), status=422)
    registering.register_for_event(
        event=event,
        language=_language(),
        ip_hash=client_ip_hash(request),
        **form.registration,
    )
    return redirect("events:sent", slug=event.slug)


@never_cache
@require_safe
def event_sent(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.public_event(slug)
    if event is None:
        raise Http404
    return render(request, "events/event_sent.html", {"event": event})


@require_safe
def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker = selectors.speaker_for_page(slug)
    if speaker is None:
        raise Http404
    events = list(selectors.speaker_events(speaker))
    if not events:
        # Only on drafts so far: not announced, so not shown.
        raise Http404
    return render(
        request,
        "events/speaker_detail.html",
        {
            "speaker": speaker,
            "links": [
                link for link in speaker.link_list if link.startswith(("https://", "http://"))
            ],
            "appearances": [
                (event, display.event_time(event), event.speaker_appearances)  # type: ignore[attr-defined]
                for event in events
            ],
        },
    )


# --- The registrant's links ---------------------------------------------------------------------


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
    if _is_past(registration.event):
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
        "past": _is_past(event),
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
    body = calendar.event_ics(event, language=_language(), join_url=join_url)
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
