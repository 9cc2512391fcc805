"""The back office for motions.

Motions: a motion with its versions (those published read only: a change is a new version), its
life-cycle buttons (publish, publish the new version, feature on the home page, archive) and a
preview of its page.

Adoption reports (mo-moderation): the list with its filters, each report read-only (what the
reporter said is theirs: changed only by the moderation steps), the queue of reports waiting for
a moderator and each report's moderation page (admin_views.py); forwardings, whose meeting,
deadline and state the moderators and organisers keep.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ayni.core.admin_lifecycle import LifecycleAdminMixin, Transition
from ayni.motions import admin_views, selectors
from ayni.motions.admin_forms import ForwardingAdminForm, MotionAdminForm
from ayni.motions.enums import MotionState
from ayni.motions.models import Adoption, Forwarding, Motion, MotionVersion
from ayni.motions.services import forwarding, motions

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
