"""Subscribing to the news: the form, the check-inbox page, and the subscriber's links
(confirm, unsubscribe, their data, erase)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ayni.core.clientip import client_ip_hash
from ayni.members import selectors, tokens
from ayni.members.enums import NEWS_CONSENT, SubscriptionStatus
from ayni.members.forms import SubscribeForm
from ayni.members.models import Subscription
from ayni.members.services import readers, subscriptions
from ayni.members.views.common import next_of, page_language, url_with_next
from ayni.supporters.confirm_page import (
    DONE,
    READY,
    ConfirmAction,
    confirm_view,
    read_only_link,
)

FORM = "members/subscribe_form.html"


def _sent(next_path: str) -> HttpResponse:
    return redirect(url_with_next("members:subscribe_sent", next_path))


def _context(form: SubscribeForm, next_path: str) -> dict[str, object]:
    """The form's page; its link to joining keeps where the reader was reading (a local path
    only: `next_path` is next_of's or the form's cleaned one)."""
    join_url = url_with_next("members:join", next_path)
    return {"form": form, "consent_text": NEWS_CONSENT.text, "join_url": join_url}


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    secure = {"host": request.get_host(), "secure": request.is_secure()}
    if request.method != "POST":
        form = SubscribeForm(
            initial={"language": page_language(), "next": next_of(request)}, **secure
        )
        return render(request, FORM, _context(form, next_of(request)))
    form = SubscribeForm(request.POST, **secure)
    # The same answer for a bot, a new address and one subscribed already.
    if form.is_bot:
        return _sent(next_of(request))
    if not form.is_valid():
        return render(request, FORM, _context(form, form.cleaned_data.get("next", "")), status=422)
    data = form.cleaned_data
    subscriptions.subscribe(
        email=data["email"],
        name=data["name"],
        language=data["language"],
        next_path=data["next"],
        ip_hash=client_ip_hash(request),
    )
    return _sent(data["next"])


@never_cache
@require_safe
def subscribe_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "members/subscribe_sent.html", {"next": next_of(request)})


def _unusable_context(subscription: Subscription | None) -> dict[str, Any]:
    return {"again_url": reverse("members:subscribe")}


CONFIRM: ConfirmAction[Subscription] = ConfirmAction(
    link=tokens.CONFIRM,
    load=selectors.subscription_for_link,
    template="members/subscription_confirm.html",
    confirm=subscriptions.confirm_subscription,
    state=subscriptions.subscription_state,
    done_template="members/subscription_confirmed.html",
    # The browser that pressed the button reads as a subscriber's from now on.
    on_confirmed=lambda request, row: readers.remember_subscriber(request.session, row),
    unusable_template="members/link_unusable.html",
    unusable_context=_unusable_context,
)
UNSUBSCRIBE: ConfirmAction[Subscription] = ConfirmAction(
    link=tokens.MANAGE,
    load=selectors.subscription_for_link,
    template="members/unsubscribe.html",
    confirm=subscriptions.unsubscribe,
    state=lambda row: DONE if row.status == SubscriptionStatus.UNSUBSCRIBED else READY,
    done_template="members/unsubscribed.html",
    unusable_template="members/link_unusable.html",
    unusable_context=_unusable_context,
)
ERASE: ConfirmAction[Subscription] = ConfirmAction(
    link=tokens.MANAGE,
    load=selectors.subscription_for_link,
    template="members/erase.html",
    confirm=subscriptions.erase_subscription,
    done_template="members/erased.html",
    unusable_template="members/link_unusable.html",
    unusable_context=_unusable_context,
)
subscription_confirm = confirm_view(CONFIRM)
unsubscribe = confirm_view(UNSUBSCRIBE)
subscription_erase = confirm_view(ERASE)


# The subscriber's own pages, through the MANAGE link of their emails.
subscriber_link = read_only_link(ERASE)


@subscriber_link
def subscription_data(request: HttpRequest, subscription: Subscription, token: str) -> HttpResponse:
    """The subscriber's own data as JSON (right of access), through their emails' link."""
    data = {
        "email": subscription.supporter.email,
        "name": subscription.supporter.name,
        "news_subscription": subscriptions.subscription_export(subscription),
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response
