"""The pledge's pages: the form, and its links, declared on the supporters' confirm page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST, require_safe

from ayni.supporters.confirm_page import ConfirmAction, confirm_view
from tests.pledges import services, tokens
from tests.pledges.forms import PledgeForm
from tests.pledges.models import Pledge


@require_POST
def pledge(request: HttpRequest) -> HttpResponse:
    form = PledgeForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=422)
    services.make_pledge(language=get_language(), **form.cleaned_data)
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


@require_safe
def data(request: HttpRequest, token: str) -> HttpResponse:
    pledge = _load(tokens.WITHDRAW.read(token).row_id or 0)
    return JsonResponse({"email": pledge.email if pledge else None})


erase = withdraw
