"""A motion's share card: its title and how many bodies adopted it, in the campaign's look,
drawn by core (ayni.core.share_card) and kept and answered by core (ayni.core.card_cache).

The key holds what the card shows — the title in the card's language and the counted figures
of the roll-up (kept until a verification changes them, views/rollup.py `kept_rollup`) — so a
new verified adoption is a new card and a new ETag, and any other edit keeps the card cached.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext, ngettext

from ayni.core.card_cache import CardText, KeptCard, campaign_card
from ayni.motions.models import Motion
from ayni.motions.rollup import Rollup

# Bump when the drawing changes, so cards cached by an older release are drawn again.
CARD_VERSION = 1


def count_line(figures: Rollup) -> str:
    """ "Adopted by 42 bodies", in the active language."""
    if not figures.bodies:
        return gettext("No adoption has been verified yet.")
    return ngettext(
        "Adopted by %(bodies)s body", "Adopted by %(bodies)s bodies", figures.bodies
    ) % {"bodies": figures.bodies}


def detail_line(figures: Rollup) -> str:
    """ "In 3 organisations and 2 countries", or nothing before the first adoption."""
    if not figures.bodies:
        return ""
    return gettext("In %(organisations)s and %(countries)s") % {
        "organisations": ngettext(
            "%(count)s organisation", "%(count)s organisations", figures.organisations
        )
        % {"count": figures.organisations},
        "countries": ngettext("%(count)s country", "%(count)s countries", figures.countries)
        % {"count": figures.countries},
    }


def motion_card(motion: Motion, *, language: str, figures: Rollup) -> KeptCard:
    """The card of `motion` in `language` with the roll-up's `figures`."""
    title = motion.text("title", language)
    return campaign_card(
        "motion-card",
        version=CARD_VERSION,
        language=language,
        shown=(motion.pk, title, figures.bodies, figures.organisations, figures.countries),
        text=lambda: CardText(
            title=title, count_line=count_line(figures), detail_line=detail_line(figures)
        ),
    )


def card_alt(motion: Motion, *, language: str, figures: Rollup) -> str:
    """The card described for who cannot see it (og:image:alt): its title and count."""
    with translation.override(language):
        return gettext("%(title)s: %(count)s") % {
            "title": motion.text("title", language),
            "count": count_line(figures),
        }
