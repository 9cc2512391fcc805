"""Back-office pages beyond the stock admin: dashboard, CSV export, bulk invalidation.

Each view is reached through `admin_site.admin_view` (anonymous and non-staff users are sent
to the login page) and checks its own permission: 404 for a statement that does not exist,
403 for a staff member without the permission.
"""

from __future__ import annotations

import logging
from datetime import UTC, date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ayni.core import admin_charts as charts
from ayni.core.admin_charts import CHART_DAYS as CHART_DAYS  # the dashboard tests read it
from ayni.core.admin_charts import DayChart
from ayni.core.login import acting_user
from ayni.statements import selectors, services
from ayni.statements.admin_forms import InvalidationForm
from ayni.statements.export import signatures_csv_response
from ayni.statements.models import DayTally, Signature, Statement

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

logger = logging.getLogger(__name__)

EXPORT_PERMISSION = "statements.export_signatures"
INVALIDATE_PERMISSION = "statements.invalidate_signatures"
PREVIEW_SAMPLE = 20


def _statement_or_404(object_id: int) -> Statement:
    statement = selectors.statement_for_dashboard(object_id)
    if statement is None:
        raise Http404(_("No such statement."))
    return statement


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _admin_context(model_admin: ModelAdmin, request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "app_label": model_admin.model._meta.app_label,
        **extra,
    }


# --- Dashboard -----------------------------------------------------------------------------


def day_chart(days: list[DayTally], *, until: date | None = None) -> DayChart:
    """Confirmed signatures per day (ayni.core.admin_charts)."""
    return charts.day_chart({tally.day: tally.count for tally in days}, until=until)


def statement_dashboard(
    model_admin: ModelAdmin, request: HttpRequest, object_id: int
) -> HttpResponse:
    statement = _statement_or_404(object_id)
    if not model_admin.has_view_permission(request, statement):
        raise PermissionDenied
    status_counts = selectors.signature_status_counts(statement)
    today = timezone.now().astimezone(UTC).date()
    text = selectors.statement_text(statement)
    heading = text.title if text else statement.slug
    context = _admin_context(
        model_admin,
        request,
        title=_("Dashboard: %(statement)s") % {"statement": heading},
        heading=heading,
        statement=statement,
        original=statement,
        text=text,
        count=selectors.statement_count(statement),
        status_counts=status_counts,
        set_aside=selectors.set_aside_count(statement),
        set_aside_url=reverse("admin:statements_signature_changelist")
        + f"?statement__id__exact={statement.pk}&set_aside=yes",
        emails_waiting=selectors.emails_waiting(statement),
        submissions_waiting=selectors.submissions_waiting(statement),
        email_rate=settings.EMAIL_MAX_PER_SECOND,
        chart=day_chart(
            selectors.day_series(statement), until=today if statement.is_open else None
        ),
        countries=selectors.country_breakdown(statement, limit=30),
        organisations=selectors.organisation_breakdown(statement, limit=20),
        flagged=selectors.flagged_activity(statement),
        flag_threshold=settings.SIGNATURE_FLAG_THRESHOLD,
        invalidations=selectors.recent_invalidations(statement),
        can_export=request.user.has_perm(EXPORT_PERMISSION),
        can_invalidate=request.user.has_perm(INVALIDATE_PERMISSION),
        can_change=model_admin.has_change_permission(request, statement),
        preview_url=None
        if statement.is_public
        else reverse("admin:statements_statement_preview", args=[statement.pk]),
    )
    return TemplateResponse(request, "admin/statements/statement_dashboard.html", context)


# --- Export --------------------------------------------------------------------------------


def _export_filename(stem: str) -> str:
    return f"{stem}-signatures-{timezone.now():%Y%m%d-%H%M}.csv"


def statement_export(
    model_admin: ModelAdmin, request: HttpRequest, object_id: int
) -> HttpResponseBase:
    """Every signature of one statement, whatever its status, as CSV."""
    statement = _statement_or_404(object_id)
    _require(request, EXPORT_PERMISSION)
    logger.info("User %s exported the signatures of %s", request.user.pk, statement.slug)
    return signatures_csv_response(
        Signature.objects.filter(statement=statement), filename=_export_filename(statement.slug)
    )


def signature_changelist_export(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponseBase:
    """The signature list as filtered and searched on screen, as CSV."""
    _require(request, EXPORT_PERMISSION)
    try:
        changelist = model_admin.get_changelist_instance(request)
    except IncorrectLookupParameters:
        url = reverse("admin:statements_signature_changelist")
        return HttpResponseRedirect(f"{url}?{ERROR_FLAG}=1")
    logger.info("User %s exported signatures (%s)", request.user.pk, request.GET.urlencode())
    return signatures_csv_response(changelist.queryset, filename=_export_filename("filtered"))


# --- Bulk invalidation ---------------------------------------------------------------------


def _prefill(query: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in query.items() if key in InvalidationForm.base_fields}


def statement_invalidate(
    model_admin: ModelAdmin, request: HttpRequest, object_id: int
) -> HttpResponse:
    """Condition → preview (how many, a sample) → confirm → invalidate and log, then redirect."""
    statement = _statement_or_404(object_id)
    _require(request, INVALIDATE_PERMISSION)
    context = _admin_context(
        model_admin,
        request,
        title=_("Invalidate signatures in bulk: %(statement)s") % {"statement": statement},
        statement=statement,
        original=statement,
    )
    if request.method == "POST":
        form = InvalidationForm(request.POST)
        if form.is_valid() and "edit" not in request.POST:
            criteria = form.criteria()
            if "confirm" in request.POST:
                invalidation = services.invalidate_signatures(
                    statement=statement,
                    criteria=criteria,
                    reason=form.cleaned_data["reason"],
                    user=acting_user(request),
                )
                model_admin.message_user(
                    request,
                    ngettext(
                        "%(count)d signature invalidated. The count drops at the next roll-up, "
                        "within seconds.",
                        "%(count)d signatures invalidated. The count drops at the next roll-up, "
                        "within seconds.",
                        invalidation.affected,
                    )
                    % {"count": invalidation.affected},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:statements_statement_dashboard", args=[statement.pk])
                )
            matching = services.signatures_matching(statement, criteria)
            context.update(
                form=form,
                affected=matching.count(),
                sample=list(matching.order_by("-created_at", "-pk")[:PREVIEW_SAMPLE]),
                sample_size=PREVIEW_SAMPLE,
            )
            return TemplateResponse(
                request, "admin/statements/signature_invalidate_preview.html", context
            )
    else:
        form = InvalidationForm(initial=_prefill(request.GET))
    context["form"] = form
    return TemplateResponse(request, "admin/statements/signature_invalidate.html", context)
