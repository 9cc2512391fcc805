"""An event's page, its register form and share card, and a speaker's page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ayni.core import embeds
from ayni.core.card_cache import card_response
from ayni.core.clientip import client_ip_hash
from ayni.core.markdown import render_markdown
from ayni.core.middleware import content_security_policy
from ayni.core.page_cache import cached_form_page, is_personal
from ayni.events import display, page_cache, selectors, share_card
from ayni.events.enums import REGISTRATION_CONSENT, EventState
from ayni.events.forms import RegisterForm
from ayni.events.models import Event
from ayni.events.services import registering
from ayni.events.views.common import is_past, language


def _via(request: HttpRequest) -> str:
    """The host a `?via=` link names, when it looks like a host's slug (else nothing)."""
    via = request.GET.get("via", "")[:40]
    return via if via.replace("-", "").isalnum() else ""


def _page_context(
    request: HttpRequest, event: Event, form: RegisterForm | None = None, *, via: str = ""
) -> dict[str, Any]:
    now = timezone.now()
    past = is_past(event)
    published = event.state == EventState.PUBLISHED
    opens_later = bool(
        published and event.registration_opens_at and now < event.registration_opens_at
    )
    panel = selectors.panel(event.appearances.all())
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
        "form": form or RegisterForm(initial={"via": via}),
        "consent_text": REGISTRATION_CONSENT.text,
        "share_url": settings.SITE_URL + event.get_absolute_url(),
    }
    if not event.image:
        # The server-drawn card stands in for the image the event does not have (og:image).
        context.update(
            card_url=settings.SITE_URL + reverse("events:card", kwargs={"slug": event.slug}),
            card_alt=share_card.card_alt(event, language=language()),
        )
    if past:
        context.update(
            recording=embeds.recording(event.recording_url),
            report_back_html=render_markdown(event.text("report_back")),
            follow_up_html=render_markdown(event.text("follow_up")),
            key_points=[
                (appearance, render_markdown(appearance.key_points))
                for appearance in panel
                if appearance.key_points.strip()
            ],
            linked_statements=selectors.linked_statements(event),
        )
    return context


def _render_page(
    request: HttpRequest, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    response = render(request, "events/event_detail.html", context, status=status)
    return _with_player(response, context.get("recording"))


def _with_player(response: HttpResponse, recording: embeds.Recording | None) -> HttpResponse:
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
    if is_personal(request):
        event = selectors.event_for_page(slug)
        if event is None:
            raise Http404
        return _render_page(request, _page_context(request, event, via=_via(request)))
    # Everyone else shares one copy per language and stamp (events/page_cache.py).
    stamp = selectors.event_page_stamp(slug)
    if stamp is None:
        raise Http404
    via = _via(request)

    def render_page(slots: Mapping[str, str]) -> str:
        event = selectors.event_for_page(slug)
        if event is None:
            raise Http404
        context = _page_context(request, event, via=slots.get("via", ""))
        context.update(csrf_token=slots["csrf"])
        return render_to_string("events/event_detail.html", context, request=request)

    key = page_cache.page_key(stamp, via=bool(via))
    html = cached_form_page(request, key, render_page, fills={"via": via} if via else None)
    recording = embeds.recording(stamp.recording_url) if is_past(stamp) else None
    return _with_player(HttpResponse(html), recording)


@require_safe
def event_card(request: HttpRequest, slug: str) -> HttpResponse:
    """The event's share card (og:image): a PNG in the page's language, conditional (ETag)."""
    event = selectors.public_event(slug)
    if event is None:
        raise Http404
    return card_response(request, share_card.event_card(event, language=language()))


@never_cache
def event_preview(request: HttpRequest, event: Event) -> HttpResponse:
    """The event's page as the public will see it, for those who may change events (the
    caller checks): a draft under a "not published" banner, the register form disabled."""
    context = _page_context(request, event, via=_via(request))
    context.update(preview=True, published=event.is_public, registration_open=True)
    return _render_page(request, context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_to_register(slug)
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
            {"event": selectors.public_event(slug), "past": is_past(event)},
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
        language=language(),
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
