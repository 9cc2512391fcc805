"""The organisers' back office for motions: a motion with its versions (those published read
only: a change is a new version), its life-cycle buttons (publish, publish the new version,
feature on the home page, archive) and a preview of its page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ayni.core.admin_lifecycle import LifecycleAdminMixin, Transition
from ayni.motions import selectors
from ayni.motions.admin_forms import MotionAdminForm
from ayni.motions.enums import MotionState
from ayni.motions.models import Motion, MotionVersion
from ayni.motions.services import motions

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
