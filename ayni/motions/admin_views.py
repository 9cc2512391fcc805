"""Back-office pages for moderating adoption reports: the queue of reports waiting for a
moderator, one report's moderation page, and its steps (verify, reject with a reason, merge
into another report of the same meeting, reopen), each a POST that first asks, saying what
will happen and who will be emailed, then calls the service (ayni.motions.services.
moderation) and writes the admin's history (LogEntry).

Each view is reached through `admin_site.admin_view` (anonymous and non-staff users are sent
to the login page): the queue and the page need the permission to see reports (404 for a
report that does not exist), a step needs `motions.moderate_adoptions` (403 otherwise). A step
that does not apply is refused at once, with why, instead of asking.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from ayni.core.login import acting_user
from ayni.motions import diffs, selectors
from ayni.motions.admin_forms import MergeForm, RejectForm
from ayni.motions.enums import AdoptionStatus
from ayni.motions.models import Adoption
from ayni.motions.services import forwarding, moderation

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

logger = logging.getLogger(__name__)

MODERATE_PERMISSION = "motions.moderate_adoptions"
QUEUE_SHOWN = 100
STEPS = ("verify", "reject", "merge", "reopen")
# The statuses in which each step applies (the service refuses the rest, saying why).
APPLIES = {
    "verify": {AdoptionStatus.SUBMITTED},
    "reject": {AdoptionStatus.SUBMITTED},
    "merge": {AdoptionStatus.SUBMITTED},
    "reopen": {AdoptionStatus.VERIFIED, AdoptionStatus.REJECTED},
}


def _adoption_or_404(object_id: int) -> Adoption:
    adoption = selectors.adoption_for_moderation(object_id)
    if adoption is None:
        raise Http404(_("No such report."))
    return adoption


def page_url(adoption: Adoption) -> str:
    return reverse("admin:motions_adoption_moderate", args=[adoption.pk])


def _context(model_admin: ModelAdmin, request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "app_label": model_admin.model._meta.app_label,
        "queue_url": reverse("admin:motions_adoption_queue"),
        **extra,
    }


# --- The queue ------------------------------------------------------------------------------


def adoption_queue(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """The reports waiting for a moderator, oldest first (the first QUEUE_SHOWN)."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    queue = selectors.moderation_queue()
    reports = list(queue[:QUEUE_SHOWN])
    total = len(reports) if len(reports) < QUEUE_SHOWN else queue.count()
    return TemplateResponse(
        request,
        "admin/motions/adoption_queue.html",
        _context(
            model_admin,
            request,
            title=_("Reports waiting for a moderator"),
            reports=reports,
            total=total,
        ),
    )


# --- One report -----------------------------------------------------------------------------


def adoption_moderate(
    model_admin: ModelAdmin, request: HttpRequest, object_id: int
) -> HttpResponse:
    """GET: everything about the report, the other reports of its body, and the steps."""
    adoption = _adoption_or_404(object_id)
    if not model_admin.has_view_permission(request, adoption):
        raise PermissionDenied
    return _moderation_page(model_admin, request, adoption)


def _moderation_page(
    model_admin: ModelAdmin,
    request: HttpRequest,
    adoption: Adoption,
    *,
    reject_form: RejectForm | None = None,
    merge_form: MergeForm | None = None,
) -> TemplateResponse:
    """The moderation page; 422 when a step's form came back with errors (nothing was done)."""
    may_moderate = request.user.has_perm(MODERATE_PERMISSION)
    targets = selectors.merge_targets(adoption)
    steps = {step for step in STEPS if adoption.status in APPLIES[step]} if may_moderate else set()
    response = TemplateResponse(
        request,
        "admin/motions/adoption_moderate.html",
        _context(
            model_admin,
            request,
            title=str(adoption.body),
            subtitle=_("Adoption report #%(id)s") % {"id": adoption.pk},
            adoption=adoption,
            original=adoption,
            commitments=list(adoption.commitments.all()),
            # The amended text as the public table shows it: against its version's text.
            amended=(
                diffs.adoption_diff(adoption)
                if any(adoption.amended(section) for section in moderation.SECTIONS)
                else None
            ),
            others=list(selectors.same_body_reports(adoption)),
            merged_reports=list(adoption.merged_reports.order_by("pk")),
            forwarding=getattr(adoption, "forwarding", None),
            steps=steps,
            reject_form=reject_form or RejectForm(),
            merge_form=merge_form or MergeForm(targets=targets),
            has_targets=targets.exists(),
            evidence_url=(
                reverse("motions:evidence", args=[adoption.pk]) if adoption.evidence_file else ""
            ),
        ),
    )
    if reject_form is not None or merge_form is not None:
        response.status_code = 422
    return response


# --- The steps ------------------------------------------------------------------------------


def adoption_step(
    model_admin: ModelAdmin, request: HttpRequest, object_id: int, step: str
) -> HttpResponse:
    """POST: a step. Without `confirmed`, the question (what will happen, who is emailed);
    with it, the step, its message, and back to the report's page. A GET goes to the page: a
    state change is a POST, never a link."""
    if step not in STEPS:
        raise Http404(_("No such step."))
    adoption = _adoption_or_404(object_id)
    if request.method != "POST":
        return HttpResponseRedirect(page_url(adoption))
    if not request.user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied
    if adoption.status not in APPLIES[step]:
        _refuse(model_admin, request, _not_applicable(step, adoption.status))
        return HttpResponseRedirect(page_url(adoption))
    confirmed = "confirmed" in request.POST
    details: dict[str, Any] = {}
    if step == "reject":
        form = RejectForm(request.POST)
        if not form.is_valid():
            return _moderation_page(model_admin, request, adoption, reject_form=form)
        details["reason"] = form.cleaned_data["reason"]
    elif step == "merge":
        merge = MergeForm(request.POST, targets=selectors.merge_targets(adoption))
        if not merge.is_valid():
            return _moderation_page(model_admin, request, adoption, merge_form=merge)
        details["into"] = merge.cleaned_data["into"]
    if not confirmed:
        return _confirmation(model_admin, request, adoption, step, details)
    _run(model_admin, request, adoption, step, details)
    return HttpResponseRedirect(page_url(adoption))


def _run(
    model_admin: ModelAdmin,
    request: HttpRequest,
    adoption: Adoption,
    step: str,
    details: dict[str, Any],
) -> None:
    """Call the step's service; say what happened, or why nothing did; log it."""
    by = acting_user(request)
    try:
        if step == "verify":
            moderation.verify_adoption(adoption=adoption, by=by)
            done = _("The report is verified: it is public and counted.")
        elif step == "reject":
            moderation.reject_adoption(adoption=adoption, by=by, reason=details["reason"])
            done = _("The report is rejected: the reporter is being emailed the reason.")
        elif step == "merge":
            into = details["into"]
            moderation.merge_adoptions(duplicate=adoption, into=into, by=by)
            done = _("The report is merged into report #%(id)s.") % {"id": into.pk}
        else:
            moderation.reopen_adoption(adoption=adoption, by=by)
            done = _("The report is back in the queue.")
    except ValidationError as refusal:
        _refuse(model_admin, request, " ".join(refusal.messages))
        return
    _log(model_admin, request, adoption, step, details)
    model_admin.message_user(request, done, messages.SUCCESS)


def _not_applicable(step: str, status: str) -> str:
    if step == "reopen":
        return str(moderation.REOPEN_ONLY)
    if step == "merge" and status == AdoptionStatus.VERIFIED:
        return str(moderation.MERGE_VERIFIED)
    return str(moderation.NOT_SUBMITTED[status])


def _refuse(model_admin: ModelAdmin, request: HttpRequest, reason: str) -> None:
    model_admin.message_user(
        request, _("The report was not changed: %(reason)s") % {"reason": reason}, messages.ERROR
    )


def _log(
    model_admin: ModelAdmin,
    request: HttpRequest,
    adoption: Adoption,
    step: str,
    details: dict[str, Any],
) -> None:
    """The admin's history (as the life-cycle buttons write it) and the log."""
    if step == "reject":
        message = _("Rejected: %(reason)s") % {"reason": details["reason"]}
    elif step == "merge":
        into = details["into"]
        message = _("Merged into report #%(id)s") % {"id": into.pk}
        model_admin.log_change(
            request, into, _("Report #%(id)s merged into it") % {"id": adoption.pk}
        )
    else:
        message = {"verify": _("Verified"), "reopen": _("Reopened")}[step]
    model_admin.log_change(request, adoption, message)
    logger.info("User %s: %s adoption %s", request.user.pk, step, adoption.pk)


# --- Asking first ---------------------------------------------------------------------------


def _reporter(adoption: Adoption) -> str:
    return adoption.reporter_name or _("The reporter")


def _language(adoption: Adoption) -> str:
    return str(dict(settings.LANGUAGES).get(adoption.language, adoption.language))


def _day(value: Any) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def question(adoption: Adoption, step: str, details: dict[str, Any]) -> list[str]:
    """What the confirmation page says: the question, then what will follow."""
    meeting = {"body": adoption.body.name, "date": _day(adoption.meeting_date)}
    if step == "verify":
        lines = [
            _("Verify the report of %(body)s’s meeting on %(date)s?") % meeting,
            _("It becomes public and counts on the motion’s page."),
            _("%(name)s will be emailed that it is verified, in %(language)s.")
            % {"name": _reporter(adoption), "language": _language(adoption)},
        ]
        parent = adoption.body.parent
        if parent is not None and forwarding.forwards(adoption):
            lines.append(
                _("The motion is recorded as forwarded to %(parent)s.") % {"parent": parent.name}
            )
        return lines
    if step == "reject":
        return [
            _("Reject the report of %(body)s’s meeting on %(date)s?") % meeting,
            _("%(name)s will be emailed this reason, in %(language)s, with a link to report again:")
            % {"name": _reporter(adoption), "language": _language(adoption)},
        ]
    if step == "merge":
        into = details["into"]
        lines = [
            _("Merge this report (meeting on %(date)s) into report #%(id)s (meeting on %(kept)s)?")
            % {"date": meeting["date"], "id": into.pk, "kept": _day(into.meeting_date)},
            _(
                "It will never count on its own. What it has and the kept report lacks (votes, "
                "evidence, commitments) is added to the kept report. No one is emailed."
            ),
        ]
        if into.meeting_date != adoption.meeting_date:
            lines.append(
                _(
                    "The dates differ: %(date)s and %(kept)s. Merge only if they are the same "
                    "meeting (a date mistyped); the kept report's date stays."
                )
                % {"date": meeting["date"], "kept": _day(into.meeting_date)}
            )
        return lines
    return [
        _("Reopen the report of %(body)s’s meeting on %(date)s?") % meeting,
        _(
            "It goes back to the queue; a verified report stops counting until it is verified "
            "again. No one is emailed."
        ),
    ]


def _confirmation(
    model_admin: ModelAdmin,
    request: HttpRequest,
    adoption: Adoption,
    step: str,
    details: dict[str, Any],
) -> TemplateResponse:
    labels = {
        "verify": _("Verify"),
        "reject": _("Reject"),
        "merge": _("Merge"),
        "reopen": _("Reopen"),
    }
    into = details.get("into")
    return TemplateResponse(
        request,
        "admin/motions/adoption_confirm.html",
        _context(
            model_admin,
            request,
            title=labels[step],
            subtitle=str(adoption.body),
            adoption=adoption,
            step=step,
            label=labels[step],
            lines=question(adoption, step, details),
            reason=details.get("reason", ""),
            into=into,
            action_url=reverse("admin:motions_adoption_step", args=[adoption.pk, step]),
            page_url=page_url(adoption),
        ),
    )
