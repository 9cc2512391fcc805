from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import label_for_field
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ayni.core.admin_lifecycle import LifecycleAdminMixin, Transition
from ayni.core.login import acting_user
from ayni.statements import admin_views, selectors, services, views
from ayni.statements.admin_forms import MAX_YEAR, MIN_YEAR, BlockForm, StatementAdminForm
from ayni.statements.enums import StatementState
from ayni.statements.models import (
    Block,
    CountDrift,
    Invalidation,
    NotableSignatory,
    Signature,
    Statement,
    StatementTranslation,
    Submission,
)


class StatementTranslationInline(admin.StackedInline):
    model = StatementTranslation
    extra = 0
    min_num = 1


class NotableSignatoryInline(admin.TabularInline):
    model = NotableSignatory
    extra = 0


@admin.register(Statement)
class StatementAdmin(LifecycleAdminMixin, admin.ModelAdmin):
    list_display = [
        "slug",
        "title",
        "state",
        "signature_total",
        "goal",
        "deadline",
        "created_at",
        "dashboard",
    ]
    list_filter = ["state", "created_at"]
    search_fields = ["slug", "translations__title"]
    readonly_fields = ["state", "opened_at", "closed_at", "created_at", "updated_at"]
    inlines = [StatementTranslationInline, NotableSignatoryInline]
    list_select_related = ["tally"]
    # A blank address is made from the first language version's title.
    form = StatementAdminForm
    # Buttons on the edit page and bulk actions (core/admin_lifecycle.py), each through the
    # lifecycle service, which refuses a step that does not apply.
    lifecycle_public_states = [StatementState.OPEN, StatementState.CLOSED]
    lifecycle_transitions = (
        Transition(
            name="publish",
            label=_("Publish"),
            service=services.publish_statement,
            when={StatementState.DRAFT},
            help=_("Opens it for signatures at its public address."),
            done=_("“%(object)s” is published: it takes signatures now."),
            done_count=ngettext_lazy(
                "%(count)d statement opened.", "%(count)d statements opened.", "count"
            ),
        ),
        Transition(
            name="close",
            label=_("Close"),
            service=services.close_statement,
            when={StatementState.OPEN},
            help=_("Stops taking signatures; the count and the names stay."),
            done=_("“%(object)s” is closed: it takes no more signatures."),
            done_count=ngettext_lazy(
                "%(count)d statement closed.", "%(count)d statements closed.", "count"
            ),
        ),
        Transition(
            name="reopen",
            label=_("Reopen"),
            service=services.reopen_statement,
            when={StatementState.CLOSED},
            help=_("Takes signatures again, until its deadline."),
            done=_("“%(object)s” is open again: it takes signatures."),
            done_count=ngettext_lazy(
                "%(count)d statement reopened.", "%(count)d statements reopened.", "count"
            ),
        ),
    )

    def object_heading(self, obj: Statement) -> str:
        text = selectors.statement_text(obj)
        return text.title if text else obj.slug

    def render_preview(self, request: HttpRequest, obj: Statement) -> HttpResponse:
        return views.statement_preview(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Statement]:
        return super().get_queryset(request).prefetch_related("translations")

    def save_model(self, request: HttpRequest, obj: Statement, form: Any, change: bool) -> None:
        services.save_statement(statement=obj)

    # A statement with signatures is closed, never deleted: deleting it would take its
    # signatures, invalidations and count corrections with it. A draft nobody signed may go.
    def has_delete_permission(self, request: HttpRequest, obj: Statement | None = None) -> bool:
        if obj is not None and obj.signatures.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(
        self, objs: Sequence[Statement] | QuerySet[Statement], request: HttpRequest
    ) -> tuple[list[str], dict[str, int], set[str], list[str]]:
        """As the stock one, with each statement that has signatures listed as protected."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        signed = Statement.objects.filter(
            pk__in=[statement.pk for statement in objs], signatures__isnull=False
        ).distinct()
        for statement in signed:
            protected.append(
                _("%(statement)s has signatures: close it instead of deleting it.")
                % {"statement": statement}
            )
        if signed:
            # Say why (above), not "you may not delete statements or signatures": the delete
            # is refused either way.
            perms_needed.discard(str(Statement._meta.verbose_name))
            perms_needed.discard(str(Signature._meta.verbose_name))
        return deleted, counts, perms_needed, protected

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/dashboard/",
                view(self.dashboard_view),
                name="statements_statement_dashboard",
            ),
            path(
                "<int:object_id>/export/",
                view(self.export_view),
                name="statements_statement_export",
            ),
            path(
                "<int:object_id>/invalidate/",
                view(self.invalidate_view),
                name="statements_statement_invalidate",
            ),
            *super().get_urls(),
        ]

    def dashboard_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return admin_views.statement_dashboard(self, request, object_id)

    def export_view(self, request: HttpRequest, object_id: int) -> HttpResponseBase:
        return admin_views.statement_export(self, request, object_id)

    def invalidate_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return admin_views.statement_invalidate(self, request, object_id)

    @admin.display(description=_("dashboard"))
    def dashboard(self, obj: Statement) -> str:
        url = reverse("admin:statements_statement_dashboard", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Dashboard"))

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


class SetAsideListFilter(admin.SimpleListFilter):
    """Rows the roll-up set aside for reconciliation (through their small partial index)."""

    title = _("set aside for reconciliation")
    parameter_name = "set_aside"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", str(_("Set aside")))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Signature]) -> QuerySet[Signature]:
        if self.value() == "yes":
            return queryset.filter(set_aside_at__isnull=False)
        return queryset


class CountryListFilter(admin.SimpleListFilter):
    """Only the countries that have signatures (from the tallies), not all 250."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        statement_id = request.GET.get("statement__id__exact", "")
        codes = selectors.countries_with_signatures(
            statement_id if statement_id.isdigit() else None
        )
        selected = self.value()
        if selected and selected not in codes and selected in countries:
            codes.append(selected)
        return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Signature]) -> QuerySet[Signature]:
        code = (self.value() or "").upper()
        if not code:
            return queryset
        return queryset.filter(country=code)


class LanguageListFilter(admin.SimpleListFilter):
    """The site's languages, without a DISTINCT over every signature."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(code, str(name)) for code, name in settings.LANGUAGES]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Signature]) -> QuerySet[Signature]:
        return queryset.filter(language=self.value()) if self.value() else queryset


def _country_code(term: str) -> str:
    """The country a search term names ("Bolivia", "bo"), or ""."""
    if len(term) == 2 and term.isalpha() and term.upper() in countries:
        return term.upper()
    return countries.by_name(term, language=get_language() or "en") or countries.by_name(term)


def _day(term: str) -> date | None:
    """The day a search term names (YYYY-MM-DD), within years that survive time-zone maths."""
    try:
        day = date.fromisoformat(term) if len(term) == 10 else None
    except ValueError:
        return None
    return day if day and MIN_YEAR <= day.year <= MAX_YEAR else None


class StatementListFilter(admin.RelatedFieldListFilter):
    """The statements by title, their texts read in one query (not one per statement)."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> list:
        statements = Statement.objects.prefetch_related("translations").order_by("-created_at")
        return [(statement.pk, str(statement)) for statement in statements]


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
        ("statement", StatementListFilter),
        "show_publicly",
        LanguageListFilter,
        CountryListFilter,
        SetAsideListFilter,
        "created_at",
    ]
    search_fields = ["name", "email", "=email_domain", "=ip_hash", "organisation"]
    search_help_text = _(
        "Name, email, email domain, IP hash, organisation, country (name or two-letter code) "
        "or a day (YYYY-MM-DD)."
    )
    date_hierarchy = "created_at"
    list_select_related = ["statement"]
    show_full_result_count = False
    actions = ["release_held"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Signature]:
        # Each row names its statement by title (Statement.__str__): the texts in one query.
        return super().get_queryset(request).prefetch_related("statement__translations")

    # What a row was counted under (kind, country, day of confirmation) and what the count
    # machinery keeps (status, counted, marks) change only through the services: an edit here
    # would take the tallies somewhere no row supports. Status changes by invalidation,
    # release or withdrawal.
    readonly_fields = [
        "statement",
        "supporter",
        "kind",
        "email",
        "email_normalised",
        "email_domain",
        "country",
        "ip_hash",
        "language",
        "consent_version",
        "status",
        "created_at",
        "confirmed_at",
        "withdrawn_at",
        "invalidation",
        "counted",
        "tally_dirty",
        "set_aside_at",
        "set_aside_reason",
        "hold_reason",
        "links_from",
        "emails_sent",
        "last_emailed_at",
        "submissions_sent",
    ]

    @admin.display(description=_("each sending of the form"))
    def submissions_sent(self, obj: Signature) -> str:
        """Each submission for this address as typed, and what the worker made of it."""
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    s.pk,
                    s.created_at.strftime("%Y-%m-%d %H:%M:%S"),
                    s.name,
                    s.email,
                    s.organisation,
                    s.get_outcome_display(),
                    s.emailed_at or "—",
                )
                for s in obj.submissions.order_by("pk")
            ),
        )
        columns = ("id", "created_at", "name", "email", "organisation", "outcome", "emailed_at")
        head = format_html_join(
            "",
            '<th scope="col">{}</th>',
            ((capfirst(str(label_for_field(name, Submission))),) for name in columns),
        )
        return format_html(
            '<table class="submissions"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>',
            head,
            rows,
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    # Signatures are invalidated (in bulk, logged), never deleted: a deleted row would leave
    # its contribution in the tallies, and its trace nowhere.
    def has_delete_permission(self, request: HttpRequest, obj: Signature | None = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        # Before the stock URLs, whose "<path:object_id>/" would swallow "export/".
        return [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="statements_signature_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request: HttpRequest) -> HttpResponseBase:
        return admin_views.signature_changelist_export(self, request)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Signature], search_term: str
    ) -> tuple[QuerySet[Signature], bool]:
        """The stock search, plus whole-term matches on country and day of signing."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        extra = Q()
        if code := _country_code(term):
            extra |= Q(country=code)
        if day := _day(term):
            start = timezone.make_aware(datetime.combine(day, time.min))
            extra |= Q(created_at__gte=start, created_at__lt=start + timedelta(days=1))
        if extra:
            results = results | queryset.filter(extra)
        return results, may_have_duplicates

    @admin.action(
        description=_("Release held (suspect) signatures and send their confirmation email"),
        permissions=["change"],
    )
    def release_held(self, request: HttpRequest, queryset: QuerySet[Signature]) -> None:
        released = services.release_held_signatures(signatures=queryset)
        if released:
            self.message_user(
                request,
                ngettext(
                    "%(count)d held signature released; its confirmation email is on its way.",
                    "%(count)d held signatures released; their confirmation emails are on their way.",
                    released,
                )
                % {"count": released},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("None of the selected signatures was held; nothing changed."),
                messages.WARNING,
            )


@admin.register(Invalidation)
class InvalidationAdmin(admin.ModelAdmin):
    list_display = ["statement", "affected", "reason", "created_by", "created_at"]
    list_filter = ["statement"]
    readonly_fields = ["statement", "criteria", "affected", "reason", "created_by", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Invalidation | None = None) -> bool:
        return False

    # The audit trail is append-only, for every role.
    def has_delete_permission(self, request: HttpRequest, obj: Invalidation | None = None) -> bool:
        return False


@admin.register(CountDrift)
class CountDriftAdmin(admin.ModelAdmin):
    list_display = ["statement", "scope", "found", "expected", "created_at"]
    list_filter = ["statement"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CountDrift | None = None) -> bool:
        return False

    # The audit trail is append-only, for every role.
    def has_delete_permission(self, request: HttpRequest, obj: CountDrift | None = None) -> bool:
        return False


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    """Addresses and domains whose new signatures are held silently (see services.block_address)."""

    list_display = ["value", "kind", "statement", "reason", "created_by", "created_at"]
    list_filter = ["kind", "statement"]
    search_fields = ["value", "reason"]
    fields = ["value", "statement", "reason"]

    def has_change_permission(self, request: HttpRequest, obj: Block | None = None) -> bool:
        return False

    def get_form(
        self, request: HttpRequest, obj: Block | None = None, change: bool = False, **kwargs
    ):
        return BlockForm

    def save_model(self, request: HttpRequest, obj: Block, form, change: bool) -> None:
        block = services.block_address(
            value=form.cleaned_data["value"],
            reason=form.cleaned_data["reason"],
            statement=form.cleaned_data["statement"],
            user=acting_user(request),
        )
        obj.pk = block.pk
