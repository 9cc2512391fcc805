"""Reporting an adoption: the form, the check-inbox page, the reporter's own pages (reached
through the signed links in their emails) and the evidence download for moderators."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ayni.core.clientip import client_ip_hash
from ayni.core.htmx import is_htmx
from ayni.core.private_files import download_response
from ayni.motions import selectors, tokens
from ayni.motions.enums import ADOPTION_REPORT_CONSENT, AdoptionStatus, CommitmentKind, Section
from ayni.motions.forms import ReportForm
from ayni.motions.models import Adoption, AdoptionEmail, Motion, MotionVersion
from ayni.motions.services import reporting
from ayni.motions.services.evidence import download_name
from ayni.supporters.confirm_page import ConfirmAction, confirm_view, read_only_link


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def _form_context(
    request: HttpRequest, motion: Motion, version: MotionVersion, form: ReportForm | None = None
) -> dict[str, Any]:
    if form is None:
        initial = {}
        chosen = request.GET.get("body", "")
        if chosen.isdigit() and len(chosen) < 11:
            initial["body"] = chosen
        form = ReportForm(initial=initial, version=version, language=_language())
        body_id = form.initial.get("body")
        form.chosen_body = selectors.listed_body(int(body_id)) if body_id else None
    return {
        "motion": motion,
        "title": motion.text("title"),
        "version": version,
        "form": form,
        **_body_matches(request),
        "consent_text": ADOPTION_REPORT_CONSENT.text,
        "donate": CommitmentKind.DONATE,
    }


# A search needs this many letters: fewer would list half the tree.
MATCH_MIN_LENGTH = 2


def _body_matches(request: HttpRequest) -> dict[str, Any]:
    """The bodies the report form's search (`?q=`) finds: listed under the search box, on the
    page without JavaScript and swapped in as one types with it (report_form.html
    #body-matches); at most selectors.SEARCH_LIMIT."""
    query = request.GET.get("q", "")[:100]
    searching = len(query.strip()) >= MATCH_MIN_LENGTH
    return {
        "query": query if searching else "",
        "found": selectors.search_bodies(query=query) if searching else [],
        "limit": selectors.SEARCH_LIMIT,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest, slug: str) -> HttpResponse:
    motion = selectors.reportable_motion(slug)
    version = selectors.current_version(motion) if motion is not None else None
    if motion is None or version is None:
        raise Http404
    if request.method != "POST":
        if is_htmx(request):  # typing in the search box: the matches alone
            context = {"motion": motion, **_body_matches(request)}
            return render(request, "motions/report_form.html#body-matches", context)
        context = _form_context(request, motion, version)
        return render(request, "motions/report_form.html", context)
    form = ReportForm(request.POST, request.FILES, version=version, language=_language())
    # The same answer for a bot, a new report and a meeting reported already.
    if form.is_bot:
        return redirect("motions:report_sent", slug=motion.slug)
    if not form.is_valid():
        context = _form_context(request, motion, version, form)
        return render(request, "motions/report_form.html", context, status=422)
    reporting.report_adoption(
        motion=motion, language=_language(), ip_hash=client_ip_hash(request), **form.report
    )
    return redirect("motions:report_sent", slug=motion.slug)


@never_cache
@require_safe
def report_sent(request: HttpRequest, slug: str) -> HttpResponse:
    motion = selectors.reportable_motion(slug)
    if motion is None:
        raise Http404
    return render(
        request, "motions/report_sent.html", {"motion": motion, "title": motion.text("title")}
    )


def _report_context(adoption: Adoption) -> dict[str, Any]:
    return {
        "adoption": adoption,
        "motion": adoption.motion,
        "title": adoption.motion.text("title"),
        "commitments": list(adoption.commitments.all()),
        "amended": [
            (Section(section).label, adoption.amended(section))
            for section in reporting.SECTIONS
            if adoption.amended(section)
        ],
    }


def _to_manage_page(adoption: Adoption) -> HttpResponse:
    return redirect(
        reverse("motions:report_manage", kwargs={"token": tokens.MANAGE.make(adoption.pk)})
    )


def _unusable_context(adoption: Adoption | None) -> dict[str, Any]:
    if adoption is None:
        return {"motion": None}
    return {"motion": adoption.motion, "title": adoption.motion.text("title")}


REPORT_CONFIRM: ConfirmAction[AdoptionEmail] = ConfirmAction(
    link=tokens.CONFIRM,
    load=selectors.confirm_email_for_link,
    template="motions/report_confirm.html",
    confirm=lambda email: reporting.confirm_report(email.adoption),
    state=lambda email: reporting.report_state(email.adoption),
    done=lambda email: _to_manage_page(email.adoption),
    context=lambda email: _report_context(email.adoption),
    unusable_template="motions/link_unusable.html",
    unusable_context=lambda email: _unusable_context(email.adoption if email else None),
)
REPORT_ERASE: ConfirmAction[Adoption] = ConfirmAction(
    link=tokens.MANAGE,
    load=selectors.adoption_for_link,
    template="motions/report_erase.html",
    confirm=reporting.erase_report,
    done_template="motions/report_erased.html",
    context=_report_context,
    unusable_template="motions/link_unusable.html",
    unusable_context=_unusable_context,
)
report_confirm = confirm_view(REPORT_CONFIRM)
report_erase = confirm_view(REPORT_ERASE)


# The reporter's own pages, through the MANAGE link of their emails.
reporter_link = read_only_link(REPORT_ERASE)


@reporter_link
def report_manage(request: HttpRequest, adoption: Adoption, token: str) -> HttpResponse:
    context = {
        **_report_context(adoption),
        "token": token,
        "verified": adoption.status == AdoptionStatus.VERIFIED,
    }
    return render(request, "motions/report_manage.html", context)


@reporter_link
def report_data(request: HttpRequest, adoption: Adoption, token: str) -> HttpResponse:
    """The reporter's own data as JSON (right of access), through the link in their email."""
    response = JsonResponse(
        reporting.export_reporter_data(adoption), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@admin.site.admin_view
@require_safe
def evidence_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A report's uploaded evidence, for the back office only (staff who may see reports), as
    a download that a browser never runs on the site's origin."""
    if not request.user.has_perm("motions.view_adoption"):
        raise PermissionDenied
    adoption = selectors.adoption_with_evidence(pk)
    if adoption is None:
        raise Http404
    try:
        handle = adoption.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return download_response(
        handle,
        content_type=adoption.evidence_type or "application/octet-stream",
        filename=download_name(adoption.evidence_type, adoption.pk),
    )
