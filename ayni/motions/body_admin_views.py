"""The bodies' CSV import, a back-office page beyond the stock admin: upload a file → its
dry-run report (what is wrong, by row and column, and what would change) → a button that
imports it. The file checked is kept in the session
with its SHA-256; the button sends the hash back, and the import runs only on the very file that
was checked (checked again, inside the import's transaction). Reached through
`admin_site.admin_view` (others go to the login page); 403 without the permissions to import.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ayni.motions.body_forms import BodyImportForm
from ayni.motions.services.body_csv import COLUMNS
from ayni.motions.services.body_import import (
    ImportReport,
    RowAction,
    dry_run_body_import,
    import_bodies,
)

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

logger = logging.getLogger(__name__)

# Importing adds and changes organisations and bodies: organisers may; moderators (who may
# change a body) may not.
IMPORT_PERMISSIONS = ("motions.add_organisation", "motions.add_body", "motions.change_body")
SESSION_KEY = "motions_body_import"
# The rows of the report shown on the page (all errors are shown).
SHOWN_ROWS = 500


def may_import(request: HttpRequest) -> bool:
    return request.user.has_perms(IMPORT_PERMISSIONS)


def body_import(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    if not may_import(request):
        raise PermissionDenied
    if request.method == "POST" and "sha256" in request.POST:
        return _commit(model_admin, request)
    if request.method != "POST":
        return _page(model_admin, request, form=BodyImportForm())
    form = BodyImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(model_admin, request, form=form, status=422)
    data: bytes = form.cleaned_data["file"]
    report = dry_run_body_import(data=data)
    digest = hashlib.sha256(data).hexdigest()
    if report.ok:
        request.session[SESSION_KEY] = {
            "sha256": digest,
            "data": base64.b64encode(data).decode("ascii"),
        }
    else:
        request.session.pop(SESSION_KEY, None)
    return _page(
        model_admin,
        request,
        form=BodyImportForm(),
        report=report,
        digest=digest,
        status=200 if report.ok else 422,
    )


def _commit(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    stored = request.session.get(SESSION_KEY) or {}
    data = base64.b64decode(stored.get("data", ""))
    if (
        not stored
        or stored.get("sha256") != request.POST["sha256"]
        or hashlib.sha256(data).hexdigest() != request.POST["sha256"]
    ):
        messages.error(
            request,
            _("That file is no longer waiting to be imported. Please upload it again."),
        )
        return _page(model_admin, request, form=BodyImportForm(), status=409)
    report = import_bodies(data=data)
    if not report.committed:
        return _page(model_admin, request, form=BodyImportForm(), report=report, status=422)
    request.session.pop(SESSION_KEY, None)
    counts = report.counts
    logger.info("Bodies imported by %s: %s", request.user, counts)
    messages.success(
        request,
        _(
            "Imported: %(organisations)d new organisations, %(new)d new bodies, %(moved)d "
            "moved, %(changed)d changed, %(unchanged)d unchanged."
        )
        % {"organisations": len(report.new_organisations), **counts},
    )
    return HttpResponseRedirect(reverse("admin:motions_body_changelist"))


def _page(
    model_admin: ModelAdmin,
    request: HttpRequest,
    *,
    form: BodyImportForm,
    report: ImportReport | None = None,
    digest: str = "",
    status: int = 200,
) -> TemplateResponse:
    shown: list[Any] = []
    if report is not None:
        shown = [row for row in report.rows if row.action != RowAction.UNCHANGED][:SHOWN_ROWS]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "app_label": model_admin.model._meta.app_label,
        "title": _("Import bodies from CSV"),
        "form": form,
        "report": report,
        "shown_rows": shown,
        "digest": digest,
        "columns": ", ".join(COLUMNS),
        "actions": RowAction,
    }
    return TemplateResponse(request, "admin/motions/body_import.html", context, status=status)
