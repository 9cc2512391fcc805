"""Back-office pages for one event beyond the stock admin: its dashboard, the registrations as
CSV, a message to everyone registered, and the check-in page used at the door.

Each view is reached through `admin_site.admin_view` (anonymous and non-staff users are sent
to the login page) and checks its own permission: 404 for an event that does not exist, 403
(the back office's own page) for a staff member without the permission.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from ayni.core.admin_charts import day_chart
from ayni.core.csv_export import csv_response
from ayni.core.login import acting_user
from ayni.events import selectors
from ayni.events.admin_forms import CheckInForm, MessageForm
from ayni.events.models import Event, Registration
from ayni.events.services import backoffice

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

logger = logging.getLogger(__name__)

EXPORT_PERMISSION = "events.export_registrations"
MESSAGE_PERMISSION = "events.message_registrants"
CHECK_IN_PERMISSION = "events.check_in_registrations"

EXPORT_COLUMNS = (
    "name",
    "email",
    "country",
    "organisation",
    "access_needs",
    "language",
    "status",
    "via__code",
    "wants_updates",
    "wants_report_back",
    "created_at",
    "confirmed_at",
    "placed_at",
    "waitlisted_at",
    "cancelled_at",
    "check_in_code",
    "checked_in_at",
)
CHUNK_SIZE = 2000


def _event_or_404(object_id: int) -> Event:
    event = Event.objects.filter(pk=object_id).first()
    if event is None:
        raise Http404(_("No such event."))
    return event


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _page(
    model_admin: ModelAdmin, request: HttpRequest, event: Event, template: str, **extra: Any
) -> TemplateResponse:
    """One of the event's back-office pages, in the admin's frame."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "app_label": model_admin.model._meta.app_label,
        "event": event,
        "original": event,
        **extra,
    }
    return TemplateResponse(request, template, context)


def _form_page(
    model_admin: ModelAdmin,
    request: HttpRequest,
    event: Event,
    form: Form,
    template: str,
    **extra: Any,
) -> TemplateResponse:
    """A page with a form and the event's registration counts; 422 when the form was sent with
    errors (nothing was done)."""
    response = _page(
        model_admin,
        request,
        event,
        template,
        form=form,
        counts=selectors.registration_counts(event),
        **extra,
    )
    response.status_code = 422 if form.is_bound else 200
    return response


# --- Dashboard -----------------------------------------------------------------------------


def event_dashboard(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """Registrations over time, by status, by country and by the host that brought them."""
    event = _event_or_404(object_id)
    if not model_admin.has_view_permission(request, event):
        raise PermissionDenied
    by_country = [
        (code, countries.name(code) if code else "", count)
        for code, count in selectors.registrations_by_country(event)
    ]
    return _page(
        model_admin,
        request,
        event,
        "admin/events/event_dashboard.html",
        title=_("Dashboard: %(event)s") % {"event": event.title_en},
        counts=selectors.registration_counts(event),
        chart=day_chart(selectors.registrations_per_day(event)),
        by_country=by_country,
        by_host=selectors.registrations_by_host(event),
        starts=event.local(event.starts_at),
    )


# --- Export --------------------------------------------------------------------------------


def registration_rows(registrations: QuerySet[Registration]) -> Iterator[list[Any]]:
    """The header, then one row per registration (oldest first)."""
    yield [column.replace("via__code", "via") for column in EXPORT_COLUMNS]
    rows = registrations.order_by("created_at", "pk").values_list(*EXPORT_COLUMNS)
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        yield list(row)


def export_filename(stem: str) -> str:
    return f"{stem}-registrations-{timezone.now():%Y%m%d-%H%M}.csv"


def event_export(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponseBase:
    """Every registration of one event, whatever its status, as CSV (formula-safe)."""
    event = _event_or_404(object_id)
    _require(request, EXPORT_PERMISSION)
    logger.info("User %s exported the registrations of %s", request.user.pk, event.slug)
    return csv_response(
        registration_rows(Registration.objects.filter(event=event)),
        filename=export_filename(event.slug),
    )


def registrations_export(
    request: HttpRequest, registrations: QuerySet[Registration]
) -> HttpResponseBase:
    """The registrations ticked in the list, as CSV (the admin action checked the permission)."""
    _require(request, EXPORT_PERMISSION)
    logger.info("User %s exported %d registrations", request.user.pk, registrations.count())
    return csv_response(registration_rows(registrations), filename=export_filename("selected"))


# --- Message to everyone registered ---------------------------------------------------------


def event_message(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """GET: the form and who it reaches. POST: the message, one email each through the worker,
    then back to the event with how many were queued."""
    event = _event_or_404(object_id)
    _require(request, MESSAGE_PERMISSION)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        message = backoffice.send_message(
            event=event,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            include_waitlist=form.cleaned_data["include_waitlist"],
            sender=acting_user(request),
        )
        logger.info(
            "User %s messaged %d registrants of %s", request.user.pk, message.recipients, event.slug
        )
        model_admin.message_user(
            request,
            ngettext(
                "Message queued for %(count)d person: the worker sends it in the next minutes.",
                "Message queued for %(count)d people: the worker sends them in the next minutes.",
                message.recipients,
            )
            % {"count": message.recipients},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:events_event_change", args=[event.pk]))
    return _form_page(
        model_admin,
        request,
        event,
        form,
        "admin/events/event_message.html",
        title=_("Message everyone registered: %(event)s") % {"event": event.title_en},
    )


# --- Check-in at the door ------------------------------------------------------------------


def event_check_in(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """A page for a phone at the door: type the code, read the answer, type the next. POST
    checks in and redirects back to a fresh form with the answer above it."""
    event = _event_or_404(object_id)
    _require(request, CHECK_IN_PERMISSION)
    url = reverse("admin:events_event_check_in", args=[event.pk])
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        _check_in(model_admin, request, event, form.cleaned_data["code"])
        return HttpResponseRedirect(url)
    return _form_page(
        model_admin,
        request,
        event,
        form,
        "admin/events/event_check_in.html",
        title=_("Check-in: %(event)s") % {"event": event.title_en},
        action_url=url,
    )


def _check_in(model_admin: ModelAdmin, request: HttpRequest, event: Event, code: str) -> None:
    asked_at = timezone.now()
    registration = backoffice.check_in(event=event, code=code)
    if registration is None:
        text, level = _("No registration with this code: %(code)s") % {"code": code}, messages.ERROR
    elif registration.checked_in_at is not None and registration.checked_in_at < asked_at:
        arrived = event.local(registration.checked_in_at)
        text = _("Already checked in at %(time)s: %(name)s") % {
            "time": f"{arrived:%H:%M}",
            "name": registration.name,
        }
        level = messages.WARNING
    else:
        text, level = _("Checked in: %(name)s") % {"name": registration.name}, messages.SUCCESS
        logger.info("User %s checked in registration %s", request.user.pk, registration.pk)
    model_admin.message_user(request, text, level)
