"""A statement's share card: its title, its count and the campaign's look, drawn by core
(ayni.core.share_card) and kept and answered by core (ayni.core.card_cache).

The card shows the count rounded down to one significant figure ("1,000+ signatures" from
1,000 to 1,999), so one drawing serves every signature until the count crosses the next
round step, and what the card says stays true for as long as it is cached. The key holds the
statement's last edit (its texts and goal) and the count shown, so a conditional request is
answered without reading the statement's text, drawing or even reading the cache.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from ayni.core.card_cache import CardText, KeptCard, campaign_card
from ayni.statements import selectors
from ayni.statements.models import Statement

# Bump when the drawing changes, so cards cached by an older release are drawn again.
CARD_VERSION = 1


def count_step(total: int) -> int:
    """`total` rounded down to one significant figure: exact below 10, then steps of 10 below
    100, of 100 below 1,000, of 1,000 below 10,000, and so on."""
    if total < 10:
        return max(total, 0)
    unit = 10 ** (len(str(total)) - 1)
    return total - total % unit


def statement_card(statement: Statement, *, language: str, total: int) -> KeptCard:
    """The card of `statement` in `language` with `total` signatures (the live count)."""
    shown = count_step(total)

    def text() -> CardText:
        detail, progress = "", None
        if statement.goal:
            detail = ngettext(
                "Goal: %(goal)s signature", "Goal: %(goal)s signatures", statement.goal
            ) % {"goal": number_format(statement.goal, force_grouping=True)}
            progress = shown / statement.goal
        return CardText(
            title=_title(statement, language),
            count_line=count_line(shown),
            detail_line=detail,
            progress=progress,
        )

    return campaign_card(
        "statement-card",
        version=CARD_VERSION,
        language=language,
        shown=(statement.pk, statement.updated_at.timestamp(), shown),
        text=text,
    )


def count_line(shown: int) -> str:
    """The card's count line in the active language, such as "1,000+ signatures"; exact below
    10, where no rounding happens."""
    number = number_format(shown, force_grouping=True)
    if shown < 10:
        return ngettext("%(count)s signature", "%(count)s signatures", shown) % {"count": number}
    return ngettext("%(count)s+ signature", "%(count)s+ signatures", shown) % {"count": number}


def card_alt(statement: Statement, *, language: str, total: int) -> str:
    """The card described for who cannot see it (og:image:alt): its title and count."""
    with translation.override(language):
        return gettext("%(title)s: %(count)s") % {
            "title": _title(statement, language),
            "count": count_line(count_step(total)),
        }


def _title(statement: Statement, language: str) -> str:
    text = selectors.statement_text(statement, language)
    return text.title if text else statement.slug
