"""Finding a body: the public search the report form embeds (an htmx partial as one types) and
that works as a plain page without JavaScript."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ayni.core.htmx import is_htmx
from ayni.motions import selectors
from ayni.motions.body_forms import BodySearchForm


@require_safe
def body_search(request: HttpRequest) -> HttpResponse:
    """GET ?q=&organisation=&level=: the listed bodies found (at most 20), or why the search
    cannot run (422). Without `q`, the empty search page."""
    form = BodySearchForm(
        request.GET if "q" in request.GET else None,
        organisations=selectors.search_organisations(),
    )
    results = None
    status = 200
    if form.is_bound and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        results = selectors.search_bodies(
            query=form.cleaned_data["q"],
            organisation=organisation.pk if organisation is not None else None,
            level=form.cleaned_data["level"],
        )
    elif form.is_bound:
        status = 422
    template = "motions/body_search.html"
    if is_htmx(request):
        template += "#body-results"
    context = {"form": form, "results": results, "limit": selectors.SEARCH_LIMIT}
    return render(request, template, context, status=status)
