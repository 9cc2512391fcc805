from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ayni.statements import services
from ayni.statements.enums import StatementState
from ayni.statements.models import (
    CountDrift,
    Invalidation,
    NotableSignatory,
    Signature,
    Statement,
    StatementTranslation,
)


class StatementTranslationInline(admin.StackedInline):
    model = StatementTranslation
    extra = 0
    min_num = 1


class NotableSignatoryInline(admin.TabularInline):
    model = NotableSignatory
    extra = 0


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["slug", "title", "state", "signature_total", "goal", "deadline", "created_at"]
    list_filter = ["state", "created_at"]
    search_fields = ["slug", "translations__title"]
    readonly_fields = ["state", "opened_at", "closed_at", "created_at", "updated_at"]
    inlines = [StatementTranslationInline, NotableSignatoryInline]
    actions = ["publish", "close"]
    list_select_related = ["tally"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Statement]:
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("title"))
    def title(self, obj: Statement) -> str:
        texts = list(obj.translations.all())
        return texts[0].title if texts else "—"

    @admin.display(description=_("signatures"))
    def signature_total(self, obj: Statement) -> int:
        try:
            return obj.tally.total
        except Statement.tally.RelatedObjectDoesNotExist:
            return 0

    @admin.action(description=_("Publish (open for signatures)"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Statement]) -> None:
        for statement in queryset:
            services.open_statement(statement=statement)
        self.message_user(
            request,
            ngettext("%d statement opened.", "%d statements opened.", len(queryset))
            % len(queryset),
        )

    @admin.action(description=_("Close (stop taking signatures)"), permissions=["change"])
    def close(self, request: HttpRequest, queryset: QuerySet[Statement]) -> None:
        statements = [s for s in queryset if s.state == StatementState.OPEN]
        for statement in statements:
            services.close_statement(statement=statement)
        self.message_user(
            request,
            ngettext("%d statement closed.", "%d statements closed.", len(statements))
            % len(statements),
            messages.SUCCESS,
        )


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "email",
        "country",
        "organisation",
        "kind",
        "status",
        "created_at",
        "confirmed_at",
        "statement",
    ]
    list_filter = [
        "status",
        "kind",
        "statement",
        "show_publicly",
        "language",
        "country",
        "created_at",
    ]
    search_fields = ["name", "email", "=email_domain", "=ip_hash", "organisation"]
    date_hierarchy = "created_at"
    list_select_related = ["statement"]
    show_full_result_count = False
    readonly_fields = [
        "statement", "supporter", "email", "email_normalised", "email_domain", "ip_hash", "language",
        "consent_version", "status", "created_at", "confirmed_at", "withdrawn_at", "invalidation",
        "counted", "tally_dirty", "email_due", "email_due_at", "email_claimed_at", "emails_sent", "last_emailed_at",
    ]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Invalidation)
class InvalidationAdmin(admin.ModelAdmin):
    list_display = ["statement", "affected", "reason", "created_by", "created_at"]
    list_filter = ["statement"]
    readonly_fields = ["statement", "criteria", "affected", "reason", "created_by", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Invalidation | None = None) -> bool:
        return False


@admin.register(CountDrift)
class CountDriftAdmin(admin.ModelAdmin):
    list_display = ["statement", "scope", "found", "expected", "created_at"]
    list_filter = ["statement"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CountDrift | None = None) -> bool:
        return False
