from __future__ import annotations

import copy
import functools
import hashlib
from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ayni.core.card_cache import card_response
from ayni.core.clientip import client_ip_hash
from ayni.core.conditional import not_modified
from ayni.core.htmx import is_htmx
from ayni.core.markdown import render_markdown
from ayni.core.page_cache import cached_form_page
from ayni.core.pow import UNFINISHED, challenge_response, verify_and_spend
from ayni.statements import page_cache, selectors, services, share_card
from ayni.statements.enums import SignatureStatus, SignerKind, StatementState
from ayni.statements.forms import SignForm
from ayni.statements.models import Signature, Statement, Submission
from ayni.statements.tokens import CONFIRM, WITHDRAW, WITHDRAW_SALT, read_token
from ayni.supporters.confirm_page import DONE, READY, ConfirmAction, confirm_view, unusable_page
from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentPurpose


def _statement_or_404(slug: str) -> Statement:
    statement = selectors.public_statement(slug)
    if statement is None:
        raise Http404
    return statement


def _page_context(request: HttpRequest, statement: Statement, form: SignForm | None = None) -> dict:
    text = selectors.statement_text(statement)
    individuals, next_cursor = selectors.wall_page(statement, size=10)
    organisations, _more = selectors.wall_page(statement, kind=SignerKind.ORGANISATION, size=10)
    body_key = (
        f"statement-body:{statement.pk}:{text.pk if text else 0}:{statement.updated_at.timestamp()}"
    )
    body_html = cache.get(body_key)
    if body_html is None and text:
        body_html = render_markdown(text.body)
        cache.set(body_key, body_html, 3600)
    count = selectors.statement_count(statement)
    return {
        "statement": statement,
        "text": text,
        "body_html": body_html or "",
        "count": count,
        "notables": list(statement.notables.all()),
        "recent": individuals,
        "more_signatories": bool(next_cursor),
        "organisations": organisations,
        "countries": selectors.country_breakdown(statement, limit=10),
        "form": form or SignForm(),
        "consent_text": CONSENT_TEXTS[ConsentPurpose.STATEMENT_SIGNATURE],
        "share_url": settings.SITE_URL + statement.get_absolute_url(),
        "card_url": settings.SITE_URL + reverse("statements:card", kwargs={"slug": statement.slug}),
        "card_alt": share_card.card_alt(statement, language=_language(), total=count.total),
    }


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


@require_safe
def statement_list(request: HttpRequest) -> HttpResponse:
    statements = [(s, selectors.statement_text(s)) for s in selectors.statements_open_first()]
    return render(request, "statements/statement_list.html", {"statements": statements})


@require_safe
def statement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    key = page_cache.page_cache_key(request, slug)
    if key is None:
        statement = _statement_or_404(slug)
        return render(
            request, "statements/statement_detail.html", _page_context(request, statement)
        )

    def render_page(slots: Mapping[str, str]) -> str:
        context = _page_context(request, _statement_or_404(slug))
        context.update(csrf_token=slots["csrf"])
        return render_to_string("statements/statement_detail.html", context, request=request)

    return HttpResponse(cached_form_page(request, key, render_page))


def statement_preview(request: HttpRequest, statement: Statement) -> HttpResponse:
    """The statement page as the public will see it, for the back office (its preview view
    checks the permission): a draft is shown as it will be once published, under a "not
    published" banner, with the sign form disabled. Never cached, never signable."""
    shown = copy.copy(statement)
    if statement.state == StatementState.DRAFT:
        shown.state = StatementState.OPEN  # in this copy only, never saved
    context = _page_context(request, shown)
    versions = {text.language for text in statement.translations.all()}
    context.update(
        preview=True,
        published=statement.is_public,
        preview_languages=[(code, name, code in versions) for code, name in settings.LANGUAGES],
    )
    return render(request, "statements/statement_preview.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def statement_sign(request: HttpRequest, slug: str) -> HttpResponse:
    # The tally and the language versions are only needed to show an error: loaded then.
    statement = selectors.public_statement_alone(slug)
    if statement is None:
        raise Http404
    if request.method != "POST":
        # The address a form with errors comes back under (without JavaScript): reloading it
        # or sharing it leads to the form on the statement page.
        return redirect(statement.get_absolute_url() + "#sign")
    if not statement.is_open:
        return render(
            request,
            "statements/statement_closed.html",
            {"statement": statement, "text": selectors.statement_text(statement)},
            status=409,
        )
    form = SignForm(request.POST)
    if form.is_bot:
        return _check_inbox(request, statement)
    if not form.is_valid():
        if is_htmx(request):
            return render(
                request,
                "statements/statement_detail.html#sign-form",
                _page_context(request, statement, form),
                status=422,
            )
        return render(
            request,
            "statements/statement_detail.html",
            _page_context(request, statement, form),
            status=422,
        )
    if statement.require_challenge and not verify_and_spend(
        form.cleaned_data["altcha"], scope=f"sign:{statement.slug}"
    ):
        form.add_error(None, UNFINISHED)
        template = (
            "statements/statement_detail.html#sign-form"
            if is_htmx(request)
            else "statements/statement_detail.html"
        )
        return render(request, template, _page_context(request, statement, form), status=422)
    services.sign_statement(
        statement=statement,
        language=(get_language() or settings.LANGUAGE_CODE)[:2],
        ip_hash=client_ip_hash(request),
        **{
            field: form.cleaned_data[field]
            for field in (
                "kind",
                "name",
                "email",
                "country",
                "organisation",
                "role",
                "comment",
                "show_publicly",
                "wants_updates",
            )
        },
    )
    return _check_inbox(request, statement)


def _check_inbox(request: HttpRequest, statement: Statement) -> HttpResponse:
    if is_htmx(request):
        return render(
            request,
            "statements/check_inbox.html#check-inbox",
            {"statement": statement, "text": selectors.statement_text(statement)},
        )
    # An explicit fragment: without one the browser keeps the form's `#sign-errors` (a
    # sending that failed first) on the check-inbox address.
    return redirect(reverse("statements:check_inbox", kwargs={"slug": statement.slug}) + "#main")


@never_cache
@require_safe
def check_inbox(request: HttpRequest, slug: str) -> HttpResponse:
    statement = _statement_or_404(slug)
    return render(
        request,
        "statements/check_inbox.html",
        {
            "statement": statement,
            "text": selectors.statement_text(statement),
            "share_url": settings.SITE_URL + statement.get_absolute_url(),
        },
    )


def _link_submission(token: str, salt: str) -> tuple[Submission | None, str]:
    """The submission an emailed link names, or None and why it is unusable (404 if forged)."""
    link = read_token(token, salt)
    if link.expired:
        return None, "expired"
    submission = selectors.submission_for_link(link.row_id)
    if submission is None:
        raise Http404
    if not submission.links_live:
        return submission, "superseded"
    return submission, ""


def _signature(submission: Submission) -> Signature:
    """The signature a linked submission belongs to (selectors.submission_for_link has one)."""
    signature = submission.signature
    if signature is None:
        raise Http404
    return signature


def _unusable(request: HttpRequest, reason: str, submission: Submission | None) -> HttpResponse:
    return unusable_page(request, SIGNATURE_CONFIRM, reason, submission)


def _confirm_usable(submission: Submission) -> str:
    return READY if submission.links_live else "superseded"


def _confirm_state(submission: Submission) -> str:
    signature = _signature(submission)
    if signature.status == SignatureStatus.CONFIRMED and signature.links_from == submission.pk:
        return DONE
    if signature.status != SignatureStatus.PENDING:
        return "gone"
    if not submission.statement.is_open:
        return "closed"
    return READY


def _confirm(submission: Submission) -> str:
    result = services.confirm_signature(submission=submission)
    return READY if result == services.Confirmation.CONFIRMED else str(result)


def _confirmed(submission: Submission) -> HttpResponse:
    return redirect(reverse("statements:thanks", kwargs={"slug": submission.statement.slug}))


def _confirm_context(submission: Submission) -> dict[str, object]:
    statement = submission.statement
    return {
        "submission": submission,
        "statement": statement,
        "text": selectors.statement_text(statement),
    }


def _unusable_context(submission: Submission | None) -> dict[str, object]:
    statement = submission.statement if submission else None
    return {
        "statement": statement,
        "text": selectors.statement_text(statement) if statement else None,
    }


# GET shows exactly what will be recorded and a button; only the POST confirms, because mail
# scanners follow links (the supporters' confirm page).
# What every link of a signature email shares: the row it names, when it still works, and the
# page shown when it does not.
_signature_link_action = functools.partial(
    ConfirmAction,
    load=selectors.submission_for_link,
    usable=_confirm_usable,
    unusable_template="statements/link_unusable.html",
    unusable_context=_unusable_context,
)

SIGNATURE_CONFIRM: ConfirmAction[Submission] = _signature_link_action(
    link=CONFIRM,
    template="statements/signature_confirm.html",
    confirm=_confirm,
    done=_confirmed,
    state=_confirm_state,
    context=_confirm_context,
)
signature_confirm = confirm_view(SIGNATURE_CONFIRM)


@require_safe
def statement_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    statement = _statement_or_404(slug)
    return render(
        request,
        "statements/statement_thanks.html",
        {
            "statement": statement,
            "text": selectors.statement_text(statement),
            "count": selectors.live_statement_count(statement),
            "share_url": settings.SITE_URL + statement.get_absolute_url(),
        },
    )


def _withdraw_state(submission: Submission) -> str:
    status = _signature(submission).status
    if status == SignatureStatus.WITHDRAWN:
        return DONE
    if status not in (SignatureStatus.PENDING, SignatureStatus.CONFIRMED):
        return "gone"
    return READY


def _withdraw(submission: Submission) -> str:
    return READY if services.withdraw_signature(submission=submission) else "gone"


def _page_text(submission: Submission) -> dict[str, object]:
    statement = submission.statement
    return {"statement": statement, "text": selectors.statement_text(statement)}


signature_withdraw = confirm_view(
    _signature_link_action(
        link=WITHDRAW,
        template="statements/signature_withdraw.html",
        confirm=_withdraw,
        done_template="statements/signature_withdrawn.html",
        state=_withdraw_state,
        context=_page_text,
    )
)


@require_safe
def statement_signatories(request: HttpRequest, slug: str) -> HttpResponse:
    statement = _statement_or_404(slug)
    kind = request.GET.get("kind", SignerKind.INDIVIDUAL)
    if kind not in SignerKind.values:
        kind = SignerKind.INDIVIDUAL
    cursor = request.GET.get("after", "")[:200]
    signatures, next_cursor = selectors.wall_page(statement, kind=kind, cursor=cursor)
    context = {
        "statement": statement,
        "text": selectors.statement_text(statement),
        "signatures": signatures,
        "next_cursor": next_cursor,
        "kind": kind,
        "count": selectors.statement_count(statement),
        "notables": list(statement.notables.all()) if not cursor else [],
        "countries": selectors.country_breakdown(statement) if not cursor else [],
    }
    if is_htmx(request):
        return render(request, "statements/statement_signatories.html#wall-rows", context)
    return render(request, "statements/statement_signatories.html", context)


def count_document(statement: Statement, count: selectors.Count_) -> dict:
    return {
        "statement": statement.slug,
        "count": count.total,
        "organisations": count.organisations,
        "goal": count.goal,
        "open": statement.is_open,
        "updated": count.updated_at.isoformat() if count.updated_at else None,
    }


def _count_last_modified(statement: Statement, count: selectors.Count_) -> datetime:
    """When the count document last changed: the count, the statement (its goal), or the
    deadline that closed it (nothing is saved then, yet "open" turns false)."""
    moments = [statement.updated_at, count.updated_at]
    if statement.deadline and not statement.is_open:
        moments.append(statement.deadline)
    return max(moment for moment in moments if moment is not None)


@require_safe
def statement_count_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The live count: small, cacheable, conditional (ETag and Last-Modified)."""
    key = f"statement-count:{slug}"
    cached = cache.get(key)
    if cached is None:
        statement = selectors.public_statement(slug)
        if statement is None:
            raise Http404
        count = selectors.live_statement_count(statement)
        document = count_document(statement, count)
        etag = quote_etag(
            hashlib.blake2s(repr(sorted(document.items())).encode(), digest_size=8).hexdigest()
        )
        cached = (document, etag, http_date(_count_last_modified(statement, count).timestamp()))
        cache.set(key, cached, 1)
    document, etag, last_modified = cached
    headers = {
        "Cache-Control": f"public, max-age={settings.COUNT_MAX_AGE}",
        "ETag": etag,
        "Last-Modified": last_modified,
        "Vary": "Accept-Encoding",
    }
    if not_modified(request, etag, last_modified):
        return HttpResponse(status=304, headers=headers)
    response = JsonResponse(document, headers=headers)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def statement_card(request: HttpRequest, slug: str) -> HttpResponse:
    """The statement's share card (og:image): a PNG in the page's language, conditional (ETag)."""
    statement = _statement_or_404(slug)
    total = selectors.statement_count(statement).total
    return card_response(
        request, share_card.statement_card(statement, language=_language(), total=total)
    )


@require_safe
def statement_challenge(request: HttpRequest, slug: str) -> HttpResponse:
    """A fresh proof-of-work challenge for the sign form (only when the statement requires one)."""
    statement = _statement_or_404(slug)
    if not statement.require_challenge:
        raise Http404
    return challenge_response(f"sign:{statement.slug}")


@never_cache
@require_safe
def signature_data(request: HttpRequest, token: str) -> HttpResponse:
    """The signer's own data as JSON (right of access), through the signed link in their email."""
    submission, unusable = _link_submission(token, WITHDRAW_SALT)
    if submission is None or unusable:
        return _unusable(request, unusable, submission)
    signature = _signature(submission)
    if signature.is_erased:
        return _unusable(request, "gone", submission)
    response = JsonResponse(
        services.export_signer_data(signature=signature), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


def _erase_state(submission: Submission) -> str:
    return DONE if _signature(submission).is_erased else READY


def _erase(submission: Submission) -> str:
    services.erase_signer_data(signature=_signature(submission))
    return READY


# Erase everything about the signer (right to erasure); the GET only asks to confirm.
signature_erase = confirm_view(
    _signature_link_action(
        link=WITHDRAW,
        template="statements/signature_erase.html",
        confirm=_erase,
        done_template="statements/signature_erased.html",
        state=_erase_state,
        context=_page_text,
    )
)
