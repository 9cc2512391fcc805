from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ayni.supporters.models import Consent, Supporter, Tag


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    can_delete = False
    fields = ["purpose", "text_version", "language", "method", "source", "given_at", "withdrawn_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ARG002
        return False


@admin.register(Supporter)
class SupporterAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "country", "language", "created_at"]
    list_filter = ["language", "country", "tags", "created_at"]
    search_fields = ["email", "email_normalised", "name"]
    readonly_fields = ["email_normalised", "created_at", "updated_at"]
    filter_horizontal = ["tags"]
    inlines = [ConsentInline]
    date_hierarchy = "created_at"


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


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


admin.site.site_header = _("ayni back office")
admin.site.site_title = _("ayni")
admin.site.index_title = _("Campaigns")
