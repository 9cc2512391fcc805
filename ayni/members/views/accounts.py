"""Joining and signing in by email (no password), and the member's account page."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ayni.core.clientip import client_ip_hash
from ayni.members import selectors, tokens
from ayni.members.enums import MEMBERSHIP_CONSENT, SubscriptionStatus
from ayni.members.forms import JoinForm
from ayni.members.models import Member
from ayni.members.services import sign_in as signing_in
from ayni.members.services import subscriptions
from ayni.members.views.common import next_of, page_language, url_with_next
from ayni.supporters.confirm_page import EXPIRED
from ayni.supporters.services import erase_supporter, export_supporter

FORM = "members/join_form.html"


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """Become a member, or sign in: one form, one answer ("check your inbox")."""
    secure = {"host": request.get_host(), "secure": request.is_secure()}
    context = {"consent_text": MEMBERSHIP_CONSENT.text}
    if request.method != "POST":
        form = JoinForm(initial={"next": next_of(request)}, **secure)
        return render(request, FORM, {**context, "form": form})
    form = JoinForm(request.POST, **secure)
    if form.is_bot:
        return _sent(next_of(request))
    if not form.is_valid():
        return render(request, FORM, {**context, "form": form}, status=422)
    signing_in.request_sign_in(
        email=form.cleaned_data["email"],
        language=page_language(),
        next_path=form.cleaned_data["next"],
        ip_hash=client_ip_hash(request),
    )
    return _sent(form.cleaned_data["next"])


def _sent(next_path: str) -> HttpResponse:
    return redirect(url_with_next("members:join_sent", next_path))


@never_cache
@require_safe
def join_sent(request: HttpRequest) -> HttpResponse:
    context = {"next": next_of(request), "minutes": settings.MEMBER_SIGN_IN_MINUTES}
    return render(request, "members/join_sent.html", context)


def _unusable(request: HttpRequest, reason: str) -> HttpResponse:
    context = {"reason": reason, "again_url": reverse("members:join"), "sign_in": True}
    return render(request, "members/link_unusable.html", context, status=410)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the sign-in email: GET shows a button (mail scanners follow links), the
    POST signs this browser in, once."""
    read = tokens.SIGN_IN.read(token)
    if read.expired:
        return _unusable(request, EXPIRED)
    link = selectors.sign_in_link(read.row_id) if read.row_id is not None else None
    if link is None:
        raise Http404
    if signing_in.link_state(link) != signing_in.READY:
        return _unusable(request, signing_in.USED)
    if request.method != "POST":
        return render(request, "members/sign_in.html", {"token": token})
    if signing_in.sign_in(request, link) is None:
        return _unusable(request, signing_in.USED)
    return redirect(link.next_path or reverse("members:account"))


def signed_in_member(request: HttpRequest) -> Member | None:
    """The member this browser is signed in as (no session is made or read without a
    cookie)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    return selectors.member_of_session(request.session.session_key)


MemberView = Callable[[HttpRequest, Member], HttpResponse]


def member_page(*methods: str) -> Callable[[MemberView], Callable[[HttpRequest], HttpResponse]]:
    """A page of the signed-in member, never cached, for `methods`; a browser signed in as
    nobody is sent to the sign-in form, which brings them back to the account page."""

    def decorate(view: MemberView) -> Callable[[HttpRequest], HttpResponse]:
        @never_cache
        @require_http_methods(list(methods))
        @functools.wraps(view)
        def page(request: HttpRequest) -> HttpResponse:
            member = signed_in_member(request)
            if member is None:
                return redirect(url_with_next("members:join", reverse("members:account")))
            return view(request, member)

        return page

    return decorate


@member_page("GET", "HEAD")
def account(request: HttpRequest, member: Member) -> HttpResponse:
    subscription = selectors.subscription_of_supporter(member.supporter_id)
    context = {
        "member": member,
        "full_access": member.has_full_access(),
        "subscribed": subscription is not None
        and subscription.status == SubscriptionStatus.CONFIRMED,
    }
    return render(request, "members/account.html", context)


@member_page("POST")
def account_subscription(request: HttpRequest, member: Member) -> HttpResponse:
    """Turn the news on or off from the account page."""
    choice = request.POST.get("news", "")
    if choice not in {"on", "off"}:
        return HttpResponse(status=400)
    subscriptions.set_subscription(
        supporter_id=member.supporter_id, on=choice == "on", language=page_language()
    )
    return redirect("members:account")


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    signing_in.sign_out(request)
    return redirect("core:home")


@member_page("GET", "HEAD")
def account_data(request: HttpRequest, member: Member) -> HttpResponse:
    """Everything ayni holds about the signed-in member, as JSON (right of access)."""
    response = JsonResponse(
        export_supporter(supporter=member.supporter), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@member_page("GET", "POST")
def account_erase(request: HttpRequest, member: Member) -> HttpResponse:
    """GET: what erasing means, and a button; POST: everything ayni holds about the member
    goes (every app's rows, through the supporters' erasure) and the browser is signed out."""
    if request.method != "POST":
        return render(request, "members/erase.html", {"member": member})
    erase_supporter(supporter=member.supporter)
    signing_in.sign_out(request)
    return render(request, "members/erased.html", {"account": True})
