"""The back office for members: tiers, members (organisers grant and change tiers; moderators
and staff read), news subscriptions and the payment provider's events (read only: they
change through the reader's links and the webhook)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import User
from django.forms import ModelForm
from django.http import HttpRequest

from ayni.members.enums import MemberSource
from ayni.members.models import Member, PaymentEvent, Subscription, Tier
from ayni.members.services import membership


@admin.register(Tier)
class TierAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_es", "slug", "kind", "full_access"]
    list_filter = ["kind", "full_access"]
    search_fields = ["name_en", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["supporter", "tier", "valid_until", "source", "created_at", "last_sign_in_at"]
    list_filter = ["tier", "source"]
    search_fields = ["supporter__email_normalised", "supporter__name"]
    autocomplete_fields = ["supporter"]
    list_select_related = ["supporter", "tier"]
    readonly_fields = ["source", "granted_by", "created_at", "updated_at", "last_sign_in_at"]
    fields = ["supporter", "tier", "valid_until", *readonly_fields]

    def get_readonly_fields(self, request: HttpRequest, obj: Member | None = None) -> Any:
        # A membership belongs to one person: it is never moved to another.
        return [*self.readonly_fields, "supporter"] if obj is not None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Member, form: ModelForm, change: bool) -> None:
        saved = membership.grant_membership(
            supporter=obj.supporter,
            tier=obj.tier,
            valid_until=obj.valid_until,
            source=MemberSource.ORGANISER,
            granted_by=request.user if isinstance(request.user, User) else None,
        )
        obj.pk, obj.source, obj.granted_by = saved.pk, saved.source, saved.granted_by


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that change only through the public side (links, the webhook): seen, not edited."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = ["supporter", "status", "language", "created_at", "confirmed_at"]
    list_filter = ["status", "language"]
    search_fields = ["supporter__email_normalised"]
    list_select_related = ["supporter"]
    exclude = ["ip_hash"]


@admin.register(PaymentEvent)
class PaymentEventAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "type", "member", "created_at", "received_at", "superseded"]
    list_filter = ["type", "superseded"]
    search_fields = ["event_id"]
    list_select_related = ["member__supporter"]
