"""The organisers' back office for events: events with their panel and agenda, speakers, hosts,
registrations, and the messages sent to registrants."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from django_countries.filters import CountryFilter
from django_stubs_ext import StrOrPromise

from ayni.core.admin_lifecycle import LifecycleAdminMixin, Transition
from ayni.events import admin_views, selectors
from ayni.events.admin_forms import EventAdminForm, SpeakerAdminForm
from ayni.events.enums import EventState
from ayni.events.models import (
    AgendaItem,
    Appearance,
    Event,
    EventMessage,
    Host,
    Registration,
    Speaker,
)
from ayni.events.services import backoffice, lifecycle


class AppearanceInline(admin.StackedInline):
    model = Appearance
    extra = 0
    fields = ["speaker", "role", "order", *Appearance.bilingual_fields("key_points")]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["at", *AgendaItem.bilingual_fields("title"), "speaker"]


# What each step that asks first adds to its question: whom it emails (a count of
# selectors.RegistrationCounts) and what they are told, with %(count)d.
WHO_IS_EMAILED: dict[str, tuple[str, StrOrPromise]] = {
    "cancel": (
        "active",
        ngettext_lazy(
            "%(count)d person registered or waiting will be emailed that it is cancelled, "
            "with a calendar update removing it. This cannot be undone.",
            "%(count)d people registered or waiting will be emailed that it is cancelled, "
            "with a calendar update removing it. This cannot be undone.",
            "count",
        ),
    ),
    "postpone": (
        "active",
        ngettext_lazy(
            "%(count)d person registered or waiting will be emailed that it is postponed, "
            "and again when you publish it with its new time.",
            "%(count)d people registered or waiting will be emailed that it is postponed, "
            "and again when you publish it with its new time.",
            "count",
        ),
    ),
    "report_back": (
        "wants_report_back",
        ngettext_lazy(
            "%(count)d registrant asked for it and will be emailed the recording and the "
            "report-back.",
            "%(count)d registrants asked for it and will be emailed the recording and the "
            "report-back.",
            "count",
        ),
    ),
}


@admin.register(Event)
class EventAdmin(LifecycleAdminMixin, admin.ModelAdmin):
    form = EventAdminForm
    list_display = ["title_en", "when", "format", "state", "pages"]
    list_filter = ["state", "format", "hosts"]
    search_fields = [*Event.bilingual_fields("title"), "slug"]
    # Filled in the browser as the title is typed; without JavaScript the form makes it.
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [AppearanceInline, AgendaItemInline]
    # An address typed without its scheme ("meet.example.org/room") is an https one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = [
        "state",
        "sequence",
        "published_at",
        "report_back_published_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            _("Content"),
            {
                "fields": [
                    *Event.bilingual_fields("title"),
                    "slug",
                    *Event.bilingual_fields("summary", "description"),
                    "image",
                    "image_alt",
                    "languages",
                    "interpretation",
                    *Event.bilingual_fields("accessibility"),
                ]
            },
        ),
        (
            _("When and where"),
            {
                "description": _(
                    "Times are typed and shown as on the event’s clocks, in its time zone."
                ),
                "fields": [
                    "format",
                    "time_zone",
                    "starts_at",
                    "ends_at",
                    "venue_name",
                    "venue_address",
                    "meeting_url",
                ],
            },
        ),
        (
            _("Registration"),
            {"fields": ["capacity", "registration_opens_at", "registration_closes_at"]},
        ),
        (_("Hosts"), {"fields": ["hosts"]}),
        (
            _("After the event"),
            {
                "fields": [
                    "recording_url",
                    "attendance",
                    *Event.bilingual_fields("report_back", "follow_up"),
                    "statements",
                ]
            },
        ),
        (
            _("State"),
            {
                "fields": [
                    "state",
                    "sequence",
                    "published_at",
                    "report_back_published_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    lifecycle_public_states = selectors.PUBLIC_STATES
    lifecycle_transitions = (
        Transition(
            name="publish",
            label=_("Publish"),
            service=lifecycle.publish_event,
            when={EventState.DRAFT, EventState.POSTPONED},
            help=_("Shows it at its public address and opens registration."),
            done=_("“%(object)s” is published: people can register."),
            done_count=ngettext_lazy(
                "%(count)d event published.", "%(count)d events published.", "count"
            ),
        ),
        Transition(
            name="postpone",
            label=_("Postpone"),
            service=lifecycle.postpone_event,
            when={EventState.PUBLISHED},
            help=_(
                "The page says it is postponed and everyone registered is emailed; publish it "
                "again, with its new time, when it goes ahead: they are emailed then too."
            ),
            done=_("“%(object)s” is postponed: everyone registered is being emailed."),
            done_count=ngettext_lazy(
                "%(count)d event postponed.", "%(count)d events postponed.", "count"
            ),
            confirm=_("Postpone “%(object)s”?"),
        ),
        Transition(
            name="cancel",
            label=_("Cancel the event"),
            service=lifecycle.cancel_event,
            when={EventState.PUBLISHED, EventState.POSTPONED},
            help=_("For good: everyone registered is emailed."),
            done=_("“%(object)s” is cancelled: everyone registered is being emailed."),
            done_count=ngettext_lazy(
                "%(count)d event cancelled.", "%(count)d events cancelled.", "count"
            ),
            confirm=_("Cancel “%(object)s” for good?"),
        ),
        Transition(
            name="report_back",
            label=_("Publish the report-back"),
            service=lifecycle.publish_event_report_back,
            when={EventState.PUBLISHED, EventState.FINISHED},
            help=_("Emails the recording and report-back to the registrants who asked for it."),
            done=_("The report-back of “%(object)s” is published: its emails are on their way."),
            done_count=ngettext_lazy(
                "%(count)d report-back published.", "%(count)d report-backs published.", "count"
            ),
            confirm=_("Publish the report-back of “%(object)s”?"),
        ),
    )

    def object_heading(self, obj: Event) -> str:
        return obj.title_en

    def transitions_for(self, request: HttpRequest, obj: Event) -> list[Transition]:
        steps = super().transitions_for(request, obj)
        if obj.report_back_published_at is not None:
            steps = [step for step in steps if step.name != "report_back"]
        return steps

    def confirmation_question(self, obj: Event, step: Transition) -> str:
        question = super().confirmation_question(obj, step)
        counted, told = WHO_IS_EMAILED[step.name]
        count = getattr(selectors.registration_counts(obj), counted)
        return f"{question} {told % {'count': count}}"

    def render_preview(self, request: HttpRequest, obj: Event) -> HttpResponse:
        # The public page shows a draft to those who may see it (the public site's view).
        return HttpResponseRedirect(f"{obj.get_absolute_url()}?preview=1")

    def save_model(self, request: HttpRequest, obj: Event, form: Any, change: bool) -> None:
        before = copy(Event.objects.get(pk=obj.pk)) if change else None
        obj.save()
        backoffice.save_event(event=obj, before=before)
        obj.refresh_from_db()

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        backoffice.save_event_related(event=form.instance)

    # An event with registrations is cancelled, never deleted: it would take their records
    # (and the emails owed to them) with it.
    def has_delete_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        if obj is not None and obj.registrations.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/dashboard/",
                view(self.dashboard_view),
                name="events_event_dashboard",
            ),
            path("<int:object_id>/export/", view(self.export_view), name="events_event_export"),
            path("<int:object_id>/message/", view(self.message_view), name="events_event_message"),
            path(
                "<int:object_id>/check-in/", view(self.check_in_view), name="events_event_check_in"
            ),
            *super().get_urls(),
        ]

    def dashboard_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return admin_views.event_dashboard(self, request, object_id)

    def export_view(self, request: HttpRequest, object_id: int) -> HttpResponseBase:
        return admin_views.event_export(self, request, object_id)

    def message_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return admin_views.event_message(self, request, object_id)

    def check_in_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return admin_views.event_check_in(self, request, object_id)

    @admin.display(description=_("when (event’s time)"), ordering="starts_at")
    def when(self, obj: Event) -> str:
        starts = obj.local(obj.starts_at)
        return f"{starts:%Y-%m-%d %H:%M} {starts.tzname()} ({obj.time_zone})"

    @admin.display(description=_("pages"))
    def pages(self, obj: Event) -> str:
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:events_event_dashboard", args=[obj.pk]),
            _("Dashboard"),
            reverse("admin:events_registration_changelist") + f"?event__id__exact={obj.pk}",
            _("Registrations"),
        )


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    form = SpeakerAdminForm
    list_display = ["name", "affiliation", "slug"]
    search_fields = ["name", "affiliation", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name",
        "slug",
        "affiliation",
        *Speaker.bilingual_fields("bio"),
        "photo",
        "photo_alt",
        "links",
    ]

    def save_model(self, request: HttpRequest, obj: Speaker, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        backoffice.save_speaker(speaker=obj)


@admin.register(Host)
class HostAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "website"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class HostFilter(admin.RelatedFieldListFilter):
    """The hosts whose links brought registrations (a host of no event is not listed)."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> list:
        return [
            (host.pk, str(host))
            for host in Host.objects.filter(registrations__isnull=False).distinct()
        ]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Who registered. Their details are theirs: seen here, changed only by the actions (a
    place from the waiting list) and by the registrant through their own links."""

    list_display = [
        "name",
        "email",
        "event",
        "status",
        "country",
        "organisation",
        "via",
        "created_at",
        "checked_in_at",
    ]
    list_filter = ["event", "status", ("country", CountryFilter), ("via", HostFilter)]
    search_fields = ["name", "email", "organisation"]
    search_help_text = _("Name, email or organisation.")
    list_select_related = ["event", "via"]
    actions = ["promote", "export_csv"]
    show_full_result_count = False

    def get_readonly_fields(
        self, request: HttpRequest, obj: Registration | None = None
    ) -> list[str]:
        return [field.name for field in Registration._meta.fields if field.name != "id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    # Registrations are cancelled or erased through their services (which free a place and
    # promote the next in line), never deleted here.
    def has_delete_permission(self, request: HttpRequest, obj: Registration | None = None) -> bool:
        return False

    def has_export_registrations_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(admin_views.EXPORT_PERMISSION)

    @admin.action(
        description=_("Promote from the waiting list (even past the capacity)"),
        permissions=["change"],
    )
    def promote(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        promoted = [
            r for r in queryset.select_related("event") if backoffice.promote(registration=r)
        ]
        for registration in promoted:
            self.log_change(request, registration, str(_("Promoted from the waiting list")))
        self.message_user(
            request,
            ngettext(
                "%(count)d registration given a place; they are emailed.",
                "%(count)d registrations given a place; they are emailed.",
                len(promoted),
            )
            % {"count": len(promoted)},
            messages.SUCCESS,
        )
        skipped = queryset.exclude(pk__in=[r.pk for r in promoted]).count()
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d was not on the waiting list and is unchanged.",
                    "%(count)d were not on the waiting list and are unchanged.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Export the selected as CSV"), permissions=["export_registrations"])
    def export_csv(
        self, request: HttpRequest, queryset: QuerySet[Registration]
    ) -> HttpResponseBase:
        return admin_views.registrations_export(request, queryset)


@admin.register(EventMessage)
class EventMessageAdmin(admin.ModelAdmin):
    """What organisers sent to registrants (written on the event's "Message everyone" page)."""

    list_display = [
        "subject",
        "event",
        "recipients",
        "include_waitlist",
        "created_by",
        "created_at",
    ]
    list_filter = ["event"]
    list_select_related = ["event", "created_by"]
    readonly_fields = [
        "event",
        "subject",
        "body",
        "include_waitlist",
        "recipients",
        "created_by",
        "created_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: EventMessage | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: EventMessage | None = None) -> bool:
        return False
