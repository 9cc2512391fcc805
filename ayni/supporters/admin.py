from __future__ import annotations

import json
from collections.abc import Sequence

from django.conf import settings
from django.contrib import admin
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.supporters.models import Consent, Supporter, Tag
from ayni.supporters.services import erase_supporter, export_supporter


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    can_delete = False
    fields = ["purpose", "text_version", "language", "method", "source", "given_at", "withdrawn_at"]
    readonly_fields = [
        "purpose",
        "text_version",
        "language",
        "method",
        "source",
        "given_at",
        "withdrawn_at",
    ]
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ARG002
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ARG002
        return False


class LanguageListFilter(admin.SimpleListFilter):
    """The site's languages, without a DISTINCT over every supporter."""

    title = _("preferred language")
    parameter_name = "language"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(code, str(name)) for code, name in settings.LANGUAGES]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Supporter]) -> QuerySet[Supporter]:
        return queryset.filter(language=self.value()) if self.value() else queryset


@admin.register(Supporter)
class SupporterAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "country", "language", "created_at"]
    list_filter = [LanguageListFilter, "country", "tags", "created_at"]
    show_full_result_count = False
    search_fields = ["email", "email_normalised", "name"]
    readonly_fields = ["email_normalised", "created_at", "updated_at"]
    filter_horizontal = ["tags"]
    inlines = [ConsentInline]
    date_hierarchy = "created_at"
    actions = ["export_data"]
    # Deleting a supporter here is erasing them: every app anonymises what it holds.
    delete_confirmation_template = "admin/statements/supporter_erase_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/statements/supporter_erase_selected_confirmation.html"
    )

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            function, name, _description = actions["delete_selected"]  # type: ignore[misc]
            actions["delete_selected"] = (function, name, str(_("Erase selected supporters")))
        return actions

    @admin.action(description=_("Download their data (JSON)"), permissions=["change"])
    def export_data(self, request: HttpRequest, queryset: QuerySet[Supporter]) -> HttpResponse:
        supporters = list(queryset.prefetch_related("consents", "tags"))
        data = {"supporters": [export_supporter(supporter=s) for s in supporters]}
        for supporter in supporters:
            self.log_change(request, supporter, str(_("Exported their data (JSON).")))
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="supporters-{stamp}.json"'
        response["Cache-Control"] = "no-store"
        return response

    def get_deleted_objects(
        self, objs: Sequence[Supporter] | QuerySet[Supporter], request: HttpRequest
    ) -> tuple[list[str], dict[str, int], set[str], list[str]]:
        """As the stock one, but consents do not stop an erasure: nobody may delete a consent
        record on its own, yet erasing the person (erase_supporter, below) takes theirs."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(str(Consent._meta.verbose_name))
        return deleted, counts, perms_needed, protected

    # Both ways of deleting here go through the erase service, never a plain delete().
    def delete_model(self, request: HttpRequest, obj: Supporter) -> None:
        erase_supporter(supporter=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Supporter]) -> None:
        for supporter in queryset:
            erase_supporter(supporter=supporter)


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["supporter", "purpose", "text_version", "method", "given_at", "withdrawn_at"]
    list_filter = ["purpose", "method", "text_version", "language"]
    search_fields = ["supporter__email", "source"]
    readonly_fields = [f.name for f in Consent._meta.fields]
    list_select_related = ["supporter"]

    def has_add_permission(self, request) -> bool:  # noqa: ARG002
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ARG002
        return False

    # Consent records are the audit trail of what each person agreed to: append-only for every
    # role. They go only with the person, through erasure.
    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ARG002
        return False


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


admin.site.site_header = _("ayni back office")
admin.site.site_title = _("ayni")
admin.site.index_title = _("Campaigns")
