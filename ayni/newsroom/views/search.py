"""The news search: GET news/search/?q=…&page=…, a plain form that works without JavaScript.

It finds the published articles in the page's language only: the engine stems each language
its own way, and a reader of the Spanish pages reads Spanish; the page links to the same
search in the other language for what was written only there. Any text is a query; one the
engine cannot use (control characters, too long, no word in it) is answered with a message
(422), never an error page. Search results are no page for search engines (noindex).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ayni.newsroom import selectors
from ayni.newsroom.forms import ArticleSearchForm
from ayni.newsroom.views.common import language

PER_PAGE = 10
# The engine ranks every match for each page asked: past this, refine the words instead.
MAX_PAGE = 10
ROBOTS = "noindex, nofollow"
# A whole sentence for each language, as a language's name changes with the sentence around it.
ELSEWHERE = {
    "en": _("The same search in the articles in English"),
    "es": _("The same search in the articles in Spanish"),
}


def _page_number(request: HttpRequest) -> int:
    number = request.GET.get("page", "1")
    if not number.isdigit() or not 1 <= int(number) <= MAX_PAGE:
        raise Http404
    return int(number)


def _elsewhere(query: str) -> list[dict[str, object]]:
    """The same search in each other language (what its link says, its address)."""
    current = language()
    links: list[dict[str, object]] = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        with translation.override(code):
            url = reverse("newsroom:search") + "?" + urlencode({"q": query})
        links.append({"code": code, "label": ELSEWHERE.get(code, code), "url": url})
    return links


@require_safe
def article_search(request: HttpRequest) -> HttpResponse:
    """Without `q`, the empty search form; with it, a page of results (PER_PAGE, best first),
    "nothing found", or why the query cannot run (422). A page number that is not one, or past
    MAX_PAGE, or past the last result is 404."""
    number = _page_number(request)
    form = ArticleSearchForm(request.GET if "q" in request.GET else None)
    context: dict[str, object] = {"form": form, "number": number}
    status = 200
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        results, more = selectors.search_articles(
            language(), query, offset=(number - 1) * PER_PAGE, limit=PER_PAGE
        )
        if number > 1 and not results:
            raise Http404
        paging = {"q": query}
        context.update(
            query=query,
            results=results,
            previous_url="?" + urlencode({**paging, "page": number - 1}) if number > 1 else "",
            next_url="?" + urlencode({**paging, "page": number + 1})
            if more and number < MAX_PAGE
            else "",
            elsewhere=_elsewhere(query),
        )
    elif form.is_bound:
        status = 422
    response = render(request, "newsroom/article_search.html", context, status=status)
    response["X-Robots-Tag"] = ROBOTS
    return response
