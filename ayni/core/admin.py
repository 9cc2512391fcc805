"""The task list in the back office, telling a task that waits to retry from one that failed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from ayni.core.campaign import save_campaign
from ayni.core.models import Campaign
from ayni.core.tasks import RETRY_SCHEDULED, retry_scheduled


def attempt_of(result: DBTaskResult) -> int:
    kwargs = (result.args_kwargs or {}).get("kwargs") or {}
    attempt = kwargs.get("attempt", 1)
    return attempt if isinstance(attempt, int) else 1


class RetryFilter(admin.SimpleListFilter):
    title = _("retries")
    parameter_name = "retry"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        return [("waiting", _("Waiting to retry")), ("retried", _("Retried attempts"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "waiting":
            return queryset.filter(
                status=TaskResultStatus.READY, args_kwargs__kwargs__attempt__gt=1
            )
        if self.value() == "retried":
            return queryset.filter(
                Q(status=TaskResultStatus.SUCCESSFUL) & Q(return_value__has_key=RETRY_SCHEDULED)
            )
        return queryset


class TaskResultAdmin(DBTaskResultAdmin):
    """django-tasks-db's read-only list, with what each row means for the work it carries.

    A failed attempt that will be retried ends as SUCCESSFUL (see core/tasks.py); the outcome
    column says so, and the next attempt shows as waiting to retry, with its time.
    """

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        return [
            "id",
            "task_name",
            "outcome",
            "display_run_after",
            "enqueued_at",
            "finished_at",
            "queue_name",
        ]

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return [RetryFilter, "status", "queue_name"]

    @admin.display(description=_("outcome"))
    def outcome(self, result: DBTaskResult) -> str:
        attempt = attempt_of(result)
        scheduled = retry_scheduled(result)
        if scheduled is not None:
            return _("Failed; retried as attempt %(attempt)s of %(total)s: %(error)s") % {
                "attempt": scheduled.get("attempt"),
                "total": scheduled.get("of"),
                "error": scheduled.get("error", ""),
            }
        if result.status == TaskResultStatus.READY and attempt > 1:
            return _("Waiting to retry (attempt %(attempt)s)") % {"attempt": attempt}
        if result.status == TaskResultStatus.FAILED and attempt > 1:
            return _("Failed after %(attempt)s attempts") % {"attempt": attempt}
        return str(result.get_status_display())


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    """One record: the list goes straight to it, and it can be neither added nor deleted.
    Each save is logged with the fields it changed (the History button)."""

    fieldsets = [
        (
            _("Identity"),
            {
                "fields": [
                    "name",
                    *Campaign.bilingual_fields("description"),
                    "logo",
                    "logo_alt",
                    "accent_colour",
                ]
            },
        ),
        (_("About page"), {"fields": [*Campaign.bilingual_fields("about")]}),
        (_("Contact and emails"), {"fields": ["contact_email", "sender_name", "sender_email"]}),
        (
            _("Privacy page"),
            {
                "fields": [
                    "controller",
                    "controller_email",
                    *Campaign.bilingual_fields("legal_basis", "retention"),
                ]
            },
        ),
        (
            _("Follow us"),
            {
                "fields": [
                    "mastodon",
                    "bluesky",
                    "facebook",
                    "x",
                    "instagram",
                    "youtube",
                    "telegram",
                    "whatsapp",
                    "website",
                ]
            },
        ),
    ]
    readonly_fields = ["updated_at"]
    # A profile typed without its scheme ("mastodon.social/@us") is an https address.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Campaign | None = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        Campaign.objects.get_or_create(pk=1)
        return redirect("admin:core_campaign_change", object_id="1")

    def save_model(self, request: HttpRequest, obj: Campaign, form: Any, change: bool) -> None:
        save_campaign(campaign=obj)
