"""Comments on an article's page, and the commenter's own pages reached through the signed
links in their emails (confirm the address, withdraw the comment, their data, erase)."""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from ayni.core.clientip import client_ip_hash
from ayni.newsroom import selectors, tokens
from ayni.newsroom.display import comment_html
from ayni.newsroom.enums import CommentStatus
from ayni.newsroom.forms import CommentForm
from ayni.newsroom.models import Article, Comment
from ayni.newsroom.services import comments, moderation
from ayni.newsroom.views.common import language
from ayni.supporters.confirm_page import ConfirmAction, confirm_view, unusable_page


def thread_context(
    request: HttpRequest, article: Article, form: CommentForm | None = None
) -> dict[str, Any]:
    """The comments under an article: the published ones with their replies, the heading's
    count, and the "Leave a reply" form while comments are open (a reply's, when the address
    names a comment to answer: `?replyto=<id>`)."""
    thread = selectors.published_comments(article)
    for comment in thread:
        comment.html = comment_html(comment.text)  # type: ignore[attr-defined]
        for reply in comment.thread:  # type: ignore[attr-defined]
            reply.html = comment_html(reply.text)
    reply_to = None
    wanted = request.POST.get("parent") if form is not None else request.GET.get("replyto")
    if wanted and str(wanted).isdigit() and len(str(wanted)) < 11:
        reply_to = next(
            (c for c in thread if c.pk == int(wanted) and c.status == CommentStatus.PUBLISHED), None
        )
    if form is None:
        form = CommentForm(initial={"parent": reply_to.pk if reply_to else None})
    return {
        "comments": thread,
        "comment_count": selectors.comment_count(thread),
        "comments_open": comments.comments_open(article),
        "comment_challenge": settings.COMMENT_REQUIRE_CHALLENGE,
        "comment_form": form,
        "reply_to": reply_to,
    }


@never_cache
@require_safe
def comment_sent(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    """After posting: "check your inbox" (a first comment) or "awaiting moderation"."""
    article = selectors.article_for_page(language(), slug)
    if article is None or step not in ("sent", "held", "reported"):
        raise Http404
    return render(request, f"newsroom/comment_{step}.html", {"article": article})


def _context(comment: Comment) -> dict[str, object]:
    return {"comment": comment, "article": comment.article, "html": comment_html(comment.text)}


def _unusable_context(comment: Comment | None) -> dict[str, object]:
    return {"article": comment.article if comment is not None else None}


# What every link of a comment shares: the comment it names, and what its pages show.
_comment_link = functools.partial(
    ConfirmAction,
    load=selectors.comment_for_link,
    context=_context,
    unusable_context=_unusable_context,
)
COMMENT_CONFIRM: ConfirmAction[Comment] = _comment_link(
    link=tokens.CONFIRM,
    template="newsroom/comment_confirm.html",
    confirm=comments.confirm_comment_address,
    state=comments.confirm_state,
    done_template="newsroom/comment_confirmed.html",
)
COMMENT_WITHDRAW: ConfirmAction[Comment] = _comment_link(
    link=tokens.MANAGE,
    template="newsroom/comment_withdraw.html",
    confirm=comments.withdraw_comment,
    done_template="newsroom/comment_withdrawn.html",
)
COMMENT_ERASE: ConfirmAction[Comment] = _comment_link(
    link=tokens.MANAGE,
    template="newsroom/comment_erase.html",
    confirm=comments.erase_commenter,
    done_template="newsroom/comment_erased.html",
)


def _moderator_context(comment: Comment, action: str) -> dict[str, object]:
    # After the act the page says what the comment is now.
    comment.refresh_from_db(fields=["status", "held_because"])
    return {**_context(comment), "action": action}


# A moderator's links from the notification email: GET shows the comment and a button.
_moderator_link = functools.partial(
    _comment_link,
    link=tokens.MODERATE,
    template="newsroom/comment_moderate.html",
    done_template="newsroom/comment_moderated.html",
)
COMMENT_APPROVE: ConfirmAction[Comment] = _moderator_link(
    confirm=moderation.approve_comment,
    state=moderation.moderation_state,
    context=lambda comment: _moderator_context(comment, "approve"),
)
COMMENT_REJECT: ConfirmAction[Comment] = _moderator_link(
    confirm=moderation.reject_comment,
    state=moderation.reject_state,
    context=lambda comment: _moderator_context(comment, "reject"),
)
COMMENT_APPEAL: ConfirmAction[Comment] = _comment_link(
    link=tokens.MANAGE,
    template="newsroom/comment_appeal.html",
    confirm=moderation.appeal_comment,
    state=moderation.appeal_state,
    done_template="newsroom/comment_appealed.html",
)
comment_approve = confirm_view(COMMENT_APPROVE)
comment_reject = confirm_view(COMMENT_REJECT)
comment_appeal = confirm_view(COMMENT_APPEAL)
comment_confirm = confirm_view(COMMENT_CONFIRM)
comment_withdraw = confirm_view(COMMENT_WITHDRAW)
comment_erase = confirm_view(COMMENT_ERASE)


@require_POST
def comment_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A reader reports a published comment; a page thanks them (whatever came of it)."""
    article = selectors.article_for_page(language(), slug)
    if article is None:
        raise Http404
    comment = selectors.reply_target(article, pk) or selectors.published_reply(article, pk)
    if comment is None:
        raise Http404
    moderation.report_comment(comment=comment, ip_hash=client_ip_hash(request))
    return redirect("newsroom:comment_sent", slug=slug, step="reported")


@never_cache
@require_safe
def comment_data(request: HttpRequest, token: str) -> HttpResponse:
    """The commenter's data as JSON (right of access): their Supporter record (every app) if
    the address was confirmed, else this address's comments."""
    read = tokens.MANAGE.read(token)
    if read.expired:
        return unusable_page(request, COMMENT_ERASE, "expired", None)
    comment = selectors.comment_for_link(read.row_id) if read.row_id else None
    if comment is None:
        raise Http404
    response = JsonResponse(comments.commenter_data(comment), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response
