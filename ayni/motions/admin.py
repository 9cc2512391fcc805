"""The back office for motions.

Motions: a motion with its versions (those published read only: a change is a new version), its
life-cycle buttons (publish, publish the new version, feature on the home page, archive) and a
preview of its page.

Adoption reports (mo-moderation): the list with its filters, each report read-only (what the
reporter said is theirs: changed only by the moderation steps), the queue of reports waiting for
a moderator and each report's moderation page (admin_views.py); forwardings, whose meeting,
deadline and state the moderators and organisers keep.

Organisations and their bodies (mo-bodies): the tree read through each body's parent, the CSV
import (body_admin_views.py) and the review of the bodies the public proposed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from django_countries.filters import CountryFilter

from ayni.core.admin_lifecycle import LifecycleAdminMixin, Transition
from ayni.motions import admin_views, body_admin_views, selectors
from ayni.motions.admin_forms import ForwardingAdminForm, MotionAdminForm
from ayni.motions.body_forms import BodyAdminForm
from ayni.motions.enums import MotionState
from ayni.motions.models import Adoption, Body, Forwarding, Motion, MotionVersion, Organisation
from ayni.motions.services import bodies, forwarding, motions

VERSION_TEXTS = [
    "notes_en",
    "notes_es",
    "believes_en",
    "believes_es",
    "resolves_en",
    "resolves_es",
    "change_note",
]


class PublishedVersionInline(admin.StackedInline):
    """The versions the public has seen: never edited, never deleted (adoptions name them)."""

    model = MotionVersion
    verbose_name = _("published version")
    verbose_name_plural = _("published versions")
    extra = 0
    fields = ["number", "published_at", *VERSION_TEXTS]
    readonly_fields = ["number", "published_at", *VERSION_TEXTS]
    ordering = ["-number"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[MotionVersion]:
        return super().get_queryset(request).filter(published_at__isnull=False)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DraftVersionInline(admin.StackedInline):
    """The next version, being written: numbered after the last when saved, public only once
    "Publish the new version" is pressed."""

    model = MotionVersion
    verbose_name = _("new version (draft)")
    verbose_name_plural = _("new version (draft)")
    extra = 0
    max_num = 1
    fields = ["number", *VERSION_TEXTS]
    readonly_fields = ["number"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[MotionVersion]:
        return super().get_queryset(request).filter(published_at__isnull=True)


@admin.register(Motion)
class MotionAdmin(LifecycleAdminMixin, admin.ModelAdmin):
    form = MotionAdminForm
    list_display = ["title_en", "state", "featured", "published_at"]
    list_filter = ["state", "featured"]
    search_fields = ["title_en", "title_es", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [DraftVersionInline, PublishedVersionInline]
    readonly_fields = ["state", "featured", "published_at", "created_at", "updated_at"]
    fieldsets = [
        (
            _("Content"),
            {
                "fields": [
                    "title_en",
                    "title_es",
                    "slug",
                    "explanation_en",
                    "explanation_es",
                    "suggested_commitments",
                ]
            },
        ),
        (
            _("State"),
            {"fields": ["state", "featured", "published_at", "created_at", "updated_at"]},
        ),
    ]
    lifecycle_public_states = selectors.PUBLIC_STATES
    lifecycle_transitions = (
        Transition(
            name="publish",
            label=_("Publish"),
            service=motions.publish_motion,
            when={MotionState.DRAFT, MotionState.ARCHIVED},
            help=_("Shows it at its public address, in the list and on the home page."),
            done=_("“%(object)s” is published."),
            done_count=ngettext_lazy(
                "%(count)d motion published.", "%(count)d motions published.", "count"
            ),
        ),
        Transition(
            name="publish_version",
            label=_("Publish the new version"),
            service=motions.publish_version,
            when={MotionState.PUBLISHED, MotionState.ARCHIVED},
            help=_("Its page and documents show the new text from now on."),
            done=_("The new version of “%(object)s” is published."),
            done_count=ngettext_lazy(
                "%(count)d new version published.", "%(count)d new versions published.", "count"
            ),
            confirm=_(
                "Publish the new version of “%(object)s”? Once published, a version can never "
                "be changed: a later change will be another version."
            ),
        ),
        Transition(
            name="feature",
            label=_("Feature on the home page"),
            service=motions.feature_motion,
            when={MotionState.PUBLISHED},
            help=_("The home page shows this motion instead of any other."),
            done=_("“%(object)s” is the motion on the home page."),
            done_count=ngettext_lazy(
                "%(count)d motion featured.", "%(count)d motions featured.", "count"
            ),
        ),
        Transition(
            name="archive",
            label=_("Archive"),
            service=motions.archive_motion,
            when={MotionState.PUBLISHED},
            help=_("No longer asked of branches: the page stays, adoptions keep counting."),
            done=_("“%(object)s” is archived."),
            done_count=ngettext_lazy(
                "%(count)d motion archived.", "%(count)d motions archived.", "count"
            ),
            confirm=_("Archive “%(object)s”? It leaves the home page."),
        ),
    )

    def object_heading(self, obj: Motion) -> str:
        return obj.title_en

    def transitions_for(self, request: HttpRequest, obj: Motion) -> list[Transition]:
        steps = super().transitions_for(request, obj)
        has_draft = obj.versions.filter(published_at__isnull=True).exists()
        return [
            step
            for step in steps
            if (step.name != "publish_version" or has_draft)
            and (step.name != "feature" or not obj.featured)
        ]

    def render_preview(self, request: HttpRequest, obj: Motion) -> HttpResponse:
        # The public page shows a draft to those who may change motions (views/pages.py).
        return HttpResponseRedirect(f"{obj.get_absolute_url()}?preview=1")

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseInlineFormSet, change: bool
    ) -> None:
        if formset.model is not MotionVersion:
            super().save_formset(request, form, formset, change)
            return
        # Through the service: a new version is numbered after the last; a published one is
        # never written (its inline is read only, and the service refuses it too).
        for version in formset.save(commit=False):
            motions.save_draft_version(motion=form.instance, version=version)
        for version in formset.deleted_objects:
            if version.published_at is None:
                version.delete()

    # A motion with adoption reports is archived, never deleted: the reports name it.
    def has_delete_permission(self, request: HttpRequest, obj: Motion | None = None) -> bool:
        if obj is not None and obj.adoptions.exists():
            return False
        return super().has_delete_permission(request, obj)


# --- Adoption reports and forwardings (mo-moderation) ----------------------------------------

ADOPTION_FIELDS = (
    "motion",
    "version",
    "body",
    "meeting_date",
    "outcome",
    "votes_for",
    "votes_against",
    "votes_abstaining",
    "amended_notes",
    "amended_believes",
    "amended_resolves",
    "evidence_url",
    "evidence_file",
    "reporter_name",
    "reporter_email",
    "language",
    "status",
    "rejection_reason",
    "merged_into",
    "created_at",
    "confirmed_at",
    "verified_at",
    "verified_by",
)


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    """Adoption reports. Read-only: a report changes only through its moderation page."""

    list_display = [
        "body",
        "organisation",
        "level",
        "motion",
        "meeting_date",
        "outcome",
        "status",
        "created_at",
        "moderate",
    ]
    list_filter = [
        "status",
        "outcome",
        ("body__organisation", admin.RelatedOnlyFieldListFilter),
        "body__level",
        "meeting_date",
        "motion",
    ]
    search_fields = ["body__name"]
    search_help_text = _("The body's name.")
    list_select_related = ["motion", "body__organisation"]
    show_full_result_count = False
    fields = ADOPTION_FIELDS
    readonly_fields = ADOPTION_FIELDS
    change_form_template = "admin/motions/adoption/change_form.html"
    change_list_template = "admin/motions/adoption/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    # What the reporter said is theirs: the moderation steps change a report, nothing else.
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # A report goes only with its reporter's erasure (ayni.motions.services.reporting).
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("queue/", view(self.queue_view), name="motions_adoption_queue"),
            path(
                "<int:object_id>/moderate/",
                view(self.moderate_view),
                name="motions_adoption_moderate",
            ),
            path(
                "<int:object_id>/moderate/<slug:step>/",
                view(self.step_view),
                name="motions_adoption_step",
            ),
            *super().get_urls(),
        ]

    def queue_view(self, request: HttpRequest) -> HttpResponse:
        return admin_views.adoption_queue(self, request)

    def moderate_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return admin_views.adoption_moderate(self, request, object_id)

    def step_view(self, request: HttpRequest, object_id: int, step: str) -> HttpResponse:
        return admin_views.adoption_step(self, request, object_id, step)

    @admin.display(description=_("organisation"), ordering="body__organisation__name")
    def organisation(self, obj: Adoption) -> str:
        return str(obj.body.organisation)

    @admin.display(description=_("level"), ordering="body__level")
    def level(self, obj: Adoption) -> str:
        return obj.body.get_level_display()

    @admin.display(description=_("moderation"))
    def moderate(self, obj: Adoption) -> str:
        return format_html('<a href="{}">{}</a>', admin_views.page_url(obj), _("Moderation page"))


@admin.register(Forwarding)
class ForwardingAdmin(admin.ModelAdmin):
    """Motions sent on to a parent body: made when a report is verified, answered when the
    parent's report is; the meeting, deadline and state are kept here."""

    form = ForwardingAdminForm
    list_display = ["adoption", "to_body", "meeting", "deadline", "state", "result"]
    list_filter = ["state", "adoption__motion"]
    search_fields = ["to_body__name", "adoption__body__name", "meeting"]
    search_help_text = _("The name of either body, or the meeting.")
    list_select_related = [
        "adoption__body",
        "to_body",
        "result__body",
    ]
    fields = ["adoption", "to_body", "meeting", "deadline", "state", "result", "created_at"]
    readonly_fields = ["adoption", "to_body", "result", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Forwarding, form: Any, change: bool) -> None:
        forwarding.update_forwarding(
            forwarding=obj,
            meeting=form.cleaned_data["meeting"],
            deadline=form.cleaned_data["deadline"],
            state=form.cleaned_data["state"],
        )


# --- Organisations and bodies (mo-bodies) ------------------------------------------------------


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "kind", "country", "body_list"]
    list_filter = ["kind", ("country", CountryFilter)]
    search_fields = ["name", "short_name", "code"]
    search_help_text = _("Name, short name or code.")
    prepopulated_fields = {"code": ["name"]}
    # An address typed without its scheme ("unite.org") is an https one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("bodies"))
    def body_list(self, obj: Organisation) -> str:
        return format_html(
            '<a href="{}?organisation__id__exact={}">{}</a>',
            reverse("admin:motions_body_changelist"),
            obj.pk,
            _("Bodies"),
        )


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    """Bodies, found by name or code; the tree is read through each body's parent (and the link
    to the bodies under it). Organisers add, edit and import; moderators list or refuse what
    the public proposed (and may correct a body); staff see."""

    form = BodyAdminForm
    list_display = [
        "name",
        "organisation",
        "level",
        "kind",
        "parent",
        "status",
        "country",
        "code",
        "below",
    ]
    list_filter = ["status", "organisation", "level", ("country", CountryFilter)]
    search_fields = ["name", "code", "organisation__name", "organisation__code"]
    search_help_text = _("Name or code of the body, or of its organisation.")
    list_select_related = ["organisation", "parent"]
    raw_id_fields = ["parent"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["path", "region", "created_at"]
    actions = ["list_proposed", "refuse_proposed"]
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Body | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        # A body stays in its organisation: moving it to another would break its subtree.
        return ["organisation", *fields] if obj is not None else fields

    def save_model(self, request: HttpRequest, obj: Body, form: Any, change: bool) -> None:
        fields = {
            name: form.cleaned_data[name]
            for name in ("name", "kind", "country", "website", "code", "status")
        }
        if change:
            saved = bodies.change_body(body=obj, parent=obj.parent, level=obj.level, **fields)
        else:
            saved = bodies.add_body(
                organisation=obj.organisation, parent=obj.parent, level=obj.level, **fields
            )
        obj.pk, obj.path, obj.region_id = saved.pk, saved.path, saved.region_id

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="motions_body_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        return body_admin_views.body_import(self, request)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "may_import": body_admin_views.may_import(request),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("under it"))
    def below(self, obj: Body) -> str:
        return format_html(
            '<a href="{}?parent__exact={}">{}</a>',
            reverse("admin:motions_body_changelist"),
            obj.pk,
            _("Bodies under it"),
        )

    @admin.action(description=_("List the selected proposed bodies"), permissions=["change"])
    def list_proposed(self, request: HttpRequest, queryset: QuerySet[Body]) -> None:
        count = bodies.list_proposed_bodies(bodies=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d proposed body listed: it can be found in the search.",
                "%(count)d proposed bodies listed: they can be found in the search.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Refuse the selected proposed bodies"), permissions=["change"])
    def refuse_proposed(self, request: HttpRequest, queryset: QuerySet[Body]) -> None:
        count = bodies.refuse_proposed_bodies(bodies=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d proposed body refused.",
                "%(count)d proposed bodies refused.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
