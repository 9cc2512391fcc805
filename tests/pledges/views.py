"""The pledge's pages: the form, and its links, declared on the supporters' confirm page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ayni.core.clientip import client_ip_hash
from ayni.supporters.confirm_page import ConfirmAction, confirm_view
from tests.pledges import services, tokens
from tests.pledges.forms import PledgeForm
from tests.pledges.models import Pledge


@require_http_methods(["GET", "POST"])
def pledge(request: HttpRequest) -> HttpResponse:
    form = PledgeForm(request.POST or None)
    if request.method == "GET":
        return render(request, "pledges/pledge_form.html", {"form": form})
    # The same answer for a bot, a new address and one that pledged before.
    if form.is_bot:
        return redirect(reverse("pledges:sent"))
    if not form.is_valid():
        return render(request, "pledges/pledge_form.html", {"form": form}, status=422)
    fields = {name: form.cleaned_data[name] for name in ("name", "email", "wants_updates")}
    services.make_pledge(language=get_language(), ip_hash=client_ip_hash(request), **fields)
    return redirect(reverse("pledges:sent"))


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "pledges/pledge_sent.html")


def _load(pledge_id: int) -> Pledge | None:
    return Pledge.objects.filter(pk=pledge_id).first()


def _thanks(pledge: Pledge) -> HttpResponse:
    return redirect(reverse("pledges:sent") + "?confirmed=1")


confirm = confirm_view(
    ConfirmAction(
        link=tokens.CONFIRM,
        load=_load,
        template="pledges/pledge_confirm.html",
        confirm=services.confirm_pledge,
        state=services.pledge_state,
        done=_thanks,
    )
)
withdraw = confirm_view(
    ConfirmAction(
        link=tokens.WITHDRAW,
        load=_load,
        template="pledges/pledge_withdraw.html",
        confirm=services.withdraw_pledge,
        done=_thanks,
    )
)


@never_cache
@require_safe
def data(request: HttpRequest, token: str) -> HttpResponse:
    link = tokens.WITHDRAW.read(token)
    pledge = _load(link.row_id) if link.row_id is not None else None
    if pledge is None:
        raise Http404
    return JsonResponse({"name": pledge.name, "email": pledge.email})


erase = confirm_view(
    ConfirmAction(
        link=tokens.WITHDRAW,
        load=_load,
        template="pledges/pledge_erase.html",
        confirm=services.erase_pledge,
        done=_thanks,
    )
)
