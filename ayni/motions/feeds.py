"""A motion's latest counted adoptions for other programs: an Atom feed (feed readers; linked
from the motion page's head) and a JSON document (widgets, other sites), in the language of the
address (/en/…, /es/…).

The JSON document's shape is stable (docs/architecture.md § Motions documents it); fields may be
added, none is renamed or removed. Neither carries anything about the reporter.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ayni.motions import selectors
from ayni.motions.enums import Level
from ayni.motions.models import Adoption, Motion
from ayni.motions.rollup import Rollup

# How many adoptions the feed and the document carry (the latest verified first).
LATEST = 50
JSON_VERSION = 1


def _adoption_url(motion: Motion, adoption: Adoption) -> str:
    path = reverse("motions:adoptions", kwargs={"slug": motion.slug})
    return f"{settings.SITE_URL}{path}#adoption-{adoption.pk}"


def item_title(adoption: Adoption) -> str:
    return _("%(body)s (%(organisation)s): %(outcome)s") % {
        "body": adoption.body.name,
        "organisation": adoption.body.organisation,
        "outcome": adoption.get_outcome_display(),
    }


def item_text(adoption: Adoption, parents: list[str]) -> str:
    lines = [
        _("Met on %(date)s.") % {"date": formats.date_format(adoption.meeting_date, "DATE_FORMAT")},
    ]
    if parents:
        lines.append(_("Part of %(parents)s.") % {"parents": " › ".join(parents)})
    if adoption.votes_for is not None:
        lines.append(
            _("Votes: %(for)s for, %(against)s against, %(abstaining)s abstaining.")
            % {
                "for": adoption.votes_for,
                "against": adoption.votes_against if adoption.votes_against is not None else "–",
                "abstaining": adoption.votes_abstaining
                if adoption.votes_abstaining is not None
                else "–",
            }
        )
    return " ".join(lines)


def adoptions_atom(motion: Motion, adoptions: list[Adoption], language: str) -> str:
    """The Atom feed of these adoptions (the latest first)."""
    names = selectors.ancestor_names(a.body for a in adoptions)
    feed = Atom1Feed(
        title=_("Adoptions: %(motion)s") % {"motion": motion.text("title", language)},
        link=settings.SITE_URL + reverse("motions:detail", kwargs={"slug": motion.slug}),
        description=_("The latest verified adoptions of the motion."),
        language=language,
        feed_url=settings.SITE_URL + reverse("motions:feed", kwargs={"slug": motion.slug}),
        feed_guid=f"{settings.SITE_URL}/motions/{motion.slug}/adoptions/{language}",
    )
    for adoption in adoptions:
        moment = adoption.verified_at or adoption.created_at
        feed.add_item(
            title=item_title(adoption),
            link=_adoption_url(motion, adoption),
            description=item_text(adoption, selectors.parent_chain(adoption.body, names)),
            unique_id=f"{settings.SITE_URL}/motions/{motion.slug}/adoptions/{adoption.pk}",
            unique_id_is_permalink=False,
            pubdate=moment,
            updateddate=moment,
        )
    return feed.writeString("utf-8")


def adoptions_document(
    motion: Motion, rollup: Rollup, adoptions: list[Adoption], language: str
) -> dict[str, Any]:
    """The JSON document: the motion, its counted figures and the latest counted adoptions."""
    names = selectors.ancestor_names(a.body for a in adoptions)
    return {
        "version": JSON_VERSION,
        "language": language,
        "motion": {
            "slug": motion.slug,
            "title": motion.text("title", language),
            "url": settings.SITE_URL + motion.get_absolute_url(),
        },
        "counted": {
            "bodies": rollup.bodies,
            "organisations": rollup.organisations,
            "countries": rollup.countries,
            "adoptions": rollup.adoptions,
        },
        "adoptions": [
            {
                "id": adoption.pk,
                "url": _adoption_url(motion, adoption),
                "body": adoption.body.name,
                "parents": selectors.parent_chain(adoption.body, names),
                "organisation": str(adoption.body.organisation),
                "level": adoption.body.level,
                "level_name": str(Level(adoption.body.level).label),
                "region": adoption.body.region.name if adoption.body.region else None,
                "country": adoption.body.country.code or None,
                "meeting_date": adoption.meeting_date.isoformat(),
                "outcome": adoption.outcome,
                "outcome_name": adoption.get_outcome_display(),
                "votes": {
                    "for": adoption.votes_for,
                    "against": adoption.votes_against,
                    "abstaining": adoption.votes_abstaining,
                },
                "verified_at": adoption.verified_at.isoformat() if adoption.verified_at else None,
            }
            for adoption in adoptions
        ],
    }
