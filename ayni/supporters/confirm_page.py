"""The confirm page of a supporter action: the link in the email opens it.

GET shows what confirming will do and a button, and changes nothing (mail scanners follow
links); only the POST acts. A link that can no longer be used (expired, superseded, already
used up, the action closed) gets a 410 page that says why. Neither is ever cached.

What an app declares, once, in its views: a `ConfirmAction` naming its signed link, how to
load the row a link names, its page template and what confirming does; then
`confirm_view(action)` is the view its URLconf maps to `<token>/`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ayni.supporters.links import SignedLink

Row = TypeVar("Row")

# What a state check or a confirmation answers: READY (GET: show the button; POST: confirmed),
# DONE (already confirmed through this link: go where a confirmation goes), or a reason the
# link is unusable ("expired", "superseded", "gone", "closed", or the app's own).
READY = ""
DONE = "done"
# The link is past its lifetime, or what it named was erased with it (a form never confirmed
# is erased once its links are dead: ayni.supporters.retention).
EXPIRED = "expired"


def _always_ready(row: Any) -> str:
    return READY


def _no_context(row: Any) -> dict[str, object]:
    return {}


@dataclass(frozen=True)
class ConfirmAction(Generic[Row]):
    """One kind of acting link (confirm, withdraw, erase…) of one action: what it names, what
    its page shows, what acting does and where it leads."""

    link: SignedLink
    load: Callable[[int], Row | None]  # the row a link names; None → 404 (a forged id)
    template: str  # the GET page; its context has `row`, `token` and `context(row)`
    confirm: Callable[[Row], str]  # POST: does it (idempotent); READY/DONE or a reason
    # After confirming: a redirect (`done`), or a page shown in place (`done_template`, with
    # the same context as the GET page).
    done: Callable[[Row], HttpResponse] | None = None
    done_template: str = ""
    state: Callable[[Row], str] = _always_ready  # GET: READY, DONE or a reason
    usable: Callable[[Row], str] = _always_ready  # both: READY or why the link is dead
    context: Callable[[Row], dict[str, object]] = _no_context
    unusable_template: str = "supporters/link_unusable.html"
    unusable_context: Callable[[Row | None], dict[str, object]] = _no_context
    # After a POST that confirmed (or found it confirmed already), before `done`: what
    # confirming does to the browser that pressed the button (remember it as a subscriber's,
    # sign it in); None for nothing.
    on_confirmed: Callable[[HttpRequest, Row], object] | None = None

    def __post_init__(self) -> None:
        if (self.done is None) == (not self.done_template):
            raise ValueError("a ConfirmAction has either `done` or `done_template`")


def unusable_page(
    request: HttpRequest, action: ConfirmAction[Row], reason: str, row: Row | None
) -> HttpResponse:
    context = {"reason": reason, "row": row, **action.unusable_context(row)}
    return render(request, action.unusable_template, context, status=410)


def confirm_page(request: HttpRequest, token: str, action: ConfirmAction[Row]) -> HttpResponse:
    link = action.link.read(token)
    if link.expired:
        return unusable_page(request, action, EXPIRED, None)
    row = action.load(link.row_id) if link.row_id is not None else None
    if row is None:
        raise Http404
    reason = action.usable(row)
    if reason != READY:
        return unusable_page(request, action, reason, row)
    outcome = action.confirm(row) if request.method == "POST" else action.state(row)
    context = {"row": row, "token": token}
    if outcome == DONE or (outcome == READY and request.method == "POST"):
        if request.method == "POST" and action.on_confirmed is not None:
            action.on_confirmed(request, row)
        if action.done is not None:
            return action.done(row)
        return render(request, action.done_template, {**context, **action.context(row)})
    if outcome != READY:
        return unusable_page(request, action, outcome, row)
    return render(request, action.template, {**context, **action.context(row)})


def confirm_view(action: ConfirmAction[Row]) -> Callable[[HttpRequest, str], HttpResponse]:
    """The view for an action's confirm links (`<token>/` in the app's URLconf)."""

    @never_cache
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, token: str) -> HttpResponse:
        return confirm_page(request, token, action)

    return view


LinkedView = Callable[[HttpRequest, Row, str], HttpResponse]


def read_only_link(
    action: ConfirmAction[Row],
) -> Callable[[LinkedView[Row]], Callable[[HttpRequest, str], HttpResponse]]:
    """A decorator for a page that only shows the row `action`'s link names (its data as
    JSON, its status), never cached, for GET (and HEAD): 410 for an expired link (the
    action's unusable page), 404 for a forged one or one whose row is gone. The view is
    called with the request, the row and the token."""

    def decorate(view: LinkedView[Row]) -> Callable[[HttpRequest, str], HttpResponse]:
        @never_cache
        @require_safe
        @functools.wraps(view)
        def linked(request: HttpRequest, token: str) -> HttpResponse:
            read = action.link.read(token)
            if read.expired:
                return unusable_page(request, action, EXPIRED, None)
            row = action.load(read.row_id) if read.row_id is not None else None
            if row is None:
                raise Http404
            return view(request, row, token)

        return linked

    return decorate
