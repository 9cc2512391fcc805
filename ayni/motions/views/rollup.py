"""The roll-up's public parts and organisers' export: the table of verified adoptions (on its
own page, filterable, and its first page on the motion page), the Atom feed, the JSON document
and the CSV export."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import quote_etag
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ayni.core.conditional import not_modified
from ayni.core.csv_export import csv_response
from ayni.motions import charts, diffs, feeds, rollup, rollup_cache, selectors
from ayni.motions.enums import ADOPTED, Outcome
from ayni.motions.filters import AdoptionFilterForm, after_cursor, apply_filters, parse_cursor
from ayni.motions.models import Adoption, Motion

PAGE_SIZE = 25
EXPORT_PERMISSION = "motions.export_adoptions"
# Feeds and the JSON document: long enough to spare the server a poller's bursts, short enough
# that a verification shows soon.
FEED_MAX_AGE = 300


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def _motion_or_404(slug: str) -> Motion:
    motion = selectors.public_motion(slug)
    if motion is None:
        raise Http404
    return motion


@dataclass(frozen=True)
class Row:
    adoption: Adoption
    parents: list[str]
    counted: bool
    diff: list[diffs.SectionDiff]


@dataclass(frozen=True)
class Table:
    rows: list[Row]
    next_query: str  # the next page's query string, "" on the last page
    first_page: bool


def adoption_table(motion: Motion, form: AdoptionFilterForm | None, cursor: str | None) -> Table:
    """One page of the verified adoptions: two queries whatever the rows (the page and the
    names of the bodies above them)."""
    filters = form.filters() if form is not None else {}
    adoptions = apply_filters(selectors.verified_adoptions(motion), filters)
    position = parse_cursor(cursor)
    if position is not None:
        adoptions = after_cursor(adoptions, position)
    # The page's ids first (the order needs only the adoption rows), then the page's rows with
    # their bodies and versions: joined for 26 rows, not for every report of the motion.
    ids = adoptions.order_by("-meeting_date", "-pk").values("pk")[: PAGE_SIZE + 1]
    page = list(selectors.verified_adoptions(motion).filter(pk__in=ids))
    more, page = len(page) > PAGE_SIZE, page[:PAGE_SIZE]
    names = selectors.ancestor_names(a.body for a in page)
    rows = [
        Row(
            adoption=adoption,
            parents=selectors.parent_chain(adoption.body, names),
            counted=adoption.outcome in ADOPTED,
            diff=[d for d in diffs.adoption_diff(adoption) if d.changed]
            if adoption.outcome == Outcome.AMENDED
            else [],
        )
        for adoption in page
    ]
    next_query = ""
    if more:
        last = page[-1]
        query = form.query() if form is not None else ""
        after = f"after={last.meeting_date.isoformat()}.{last.pk}"
        next_query = f"{query}&{after}" if query else after
    return Table(rows=rows, next_query=next_query, first_page=position is None)


# The breakdowns the motion page draws as a chart (`?chart=`), the first by default.
CHARTS = ("country", "region")


def chart_choice(request: HttpRequest) -> str:
    """The breakdown the reader chose (`?chart=region`), else by country."""
    chosen = request.GET.get("chart", "")
    return chosen if chosen in CHARTS else CHARTS[0]


def breakdown(figures: rollup.Rollup, chart: str) -> list[tuple[str, int]]:
    """The chosen breakdown's (label, bodies) rows, the most bodies first."""
    if chart == "region":
        return [(r.label, r.count) for r in figures.by_region]
    return [(c.name, c.count) for c in figures.by_country]


def section_context(
    motion: Motion, figures: rollup.Rollup, chart: str = CHARTS[0]
) -> dict[str, Any]:
    """What the roll-up's section of the motion page shows (motions/_rollup_section.html), its
    breakdown by `chart` ("country" or "region")."""
    rows = breakdown(figures, chart)
    by_region = chart == "region"
    return {
        "motion": motion,
        "rollup": figures,
        "chart": chart,
        "breakdown": rows,
        "breakdown_chart": charts.bar_chart(
            rows,
            chart_id="rollup-regions" if by_region else "rollup-countries",
            title=_("Bodies that adopted the motion, by region")
            if by_region
            else _("Bodies that adopted the motion, by country"),
            label_width=charts.WIDE_LABEL_WIDTH if by_region else charts.LABEL_WIDTH,
        ),
        "timeline_chart": charts.column_chart(
            [(m.month.strftime("%Y-%m"), m.count) for m in figures.timeline],
            chart_id="rollup-timeline",
            title=_("Adoptions by month of the meeting"),
        ),
        "amended": diffs.amended_versions(motion.pk),
        "table": adoption_table(motion, None, None),
        "feed_url": reverse("motions:feed", kwargs={"slug": motion.slug}),
    }


def kept_rollup(motion: Motion, stamp: tuple[object, ...] | None = None) -> rollup.Rollup:
    """The motion's roll-up, kept until its verified reports change (rollup_cache)."""
    stamp = stamp or selectors.rollup_stamp(motion)
    key = rollup_cache.stamp_key("figures", motion.slug, stamp)
    return rollup_cache.kept(key, lambda: rollup.motion_rollup(motion))


def rollup_context(motion: Motion, chart: str = CHARTS[0]) -> dict[str, Any]:
    """What the motion page shows of the roll-up: its section drawn whole (motions/_rollup.html)
    with the `chart` breakdown, kept per language and breakdown until the verified reports
    change, and the figures for the rest of the page."""
    stamp = selectors.rollup_stamp(motion)
    figures = kept_rollup(motion, stamp)
    key = rollup_cache.stamp_key("section", motion.slug, stamp, f"{_language()}.{chart}")
    section = rollup_cache.kept(
        key,
        lambda: render_to_string(
            "motions/_rollup_section.html", section_context(motion, figures, chart)
        ),
    )
    return {
        "rollup": figures,
        "rollup_section": mark_safe(section),  # noqa: S308 (rendered from our template)
        "feed_url": reverse("motions:feed", kwargs={"slug": motion.slug}),
        "motion_title": motion.text("title"),
    }


@require_safe
def adoptions(request: HttpRequest, slug: str) -> HttpResponse:
    """The table of a motion's verified adoptions, filtered and a page at a time."""
    motion = _motion_or_404(slug)
    organisations, regions = selectors.adoption_filter_choices(motion)
    form = AdoptionFilterForm(request.GET or None, organisations=organisations, regions=regions)
    table = adoption_table(motion, form, request.GET.get("after"))
    return render(
        request,
        "motions/rollup_adoptions.html",
        {
            "motion": motion,
            "motion_title": motion.text("title"),
            "form": form,
            "filtered": bool(form.filters()),
            "table": table,
            "feed_url": reverse("motions:feed", kwargs={"slug": motion.slug}),
        },
    )


def _cacheable(request: HttpRequest, body: str, content_type: str) -> HttpResponse:
    etag = quote_etag(hashlib.blake2s(body.encode(), digest_size=8).hexdigest())
    headers = {
        "Cache-Control": f"public, max-age={FEED_MAX_AGE}",
        "ETag": etag,
        "Vary": "Accept-Encoding",
    }
    if not_modified(request, etag):
        return HttpResponse(status=304, headers=headers)
    return HttpResponse(body, content_type=content_type, headers=headers)


@require_safe
def adoptions_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The latest counted adoptions as an Atom feed."""
    motion = _motion_or_404(slug)
    latest = selectors.latest_counted_adoptions(motion, feeds.LATEST)
    body = feeds.adoptions_atom(motion, latest, _language())
    return _cacheable(request, body, "application/atom+xml; charset=utf-8")


@require_safe
def adoptions_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The counted figures and the latest counted adoptions as JSON (docs/architecture.md)."""
    motion = _motion_or_404(slug)
    latest = selectors.latest_counted_adoptions(motion, feeds.LATEST)
    document = feeds.adoptions_document(motion, kept_rollup(motion), latest, _language())
    body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False)
    response = _cacheable(request, body, "application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- Organisers' export ------------------------------------------------------------------------

EXPORT_HEADER = [
    "id",
    "status",
    "outcome",
    "counted",
    "body",
    "body_code",
    "level",
    "organisation",
    "region",
    "country",
    "meeting_date",
    "votes_for",
    "votes_against",
    "votes_abstaining",
    "commitments",
    "forwarded_to",
    "forwarding_state",
    "evidence_url",
    "language",
    "reported_at",
    "confirmed_at",
    "verified_at",
    "reporter_name",
    "reporter_email",
]


def export_rows(motion: Motion) -> Iterator[list[Any]]:
    yield EXPORT_HEADER
    for adoption in selectors.adoptions_for_export(motion).iterator(chunk_size=2000):
        commitments = "; ".join(
            f"{c.kind} {c.amount} {c.currency}".strip() if c.amount is not None else c.kind
            for c in adoption.commitments.all()
        )
        forwarding = getattr(adoption, "forwarding", None)
        body = adoption.body
        yield [
            adoption.pk,
            adoption.status,
            adoption.outcome,
            adoption.status == "verified" and adoption.outcome in ADOPTED,
            body.name,
            body.code,
            body.level,
            body.organisation.name,
            body.region.name if body.region else "",
            body.country.code,
            adoption.meeting_date,
            adoption.votes_for,
            adoption.votes_against,
            adoption.votes_abstaining,
            commitments,
            forwarding.to_body.name if forwarding else "",
            forwarding.state if forwarding else "",
            adoption.evidence_url,
            adoption.language,
            adoption.created_at,
            adoption.confirmed_at,
            adoption.verified_at,
            adoption.reporter_name,
            adoption.reporter_email,
        ]


@staff_member_required
@require_safe
def adoptions_export(request: HttpRequest, slug: str) -> HttpResponseBase:
    """Every report of the motion as CSV, for those with the export permission (organisers):
    unverified ones too (the status column says which), and the reporter's name and address,
    which the site never shows (docs/operations.md)."""
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    motion = Motion.objects.filter(slug=slug).first()
    if motion is None:
        raise Http404
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return csv_response(export_rows(motion), filename=f"{motion.slug}-adoptions-{stamp}.csv")
