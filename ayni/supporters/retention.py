"""Forms never confirmed are erased once their confirmation links are long dead (privacy first).

A signature, an event registration or an adoption report whose address is never confirmed
holds a stranger's name and address and says nothing true: nobody showed the address was
theirs. It is kept while its confirmation link can still be used, and a day more
(UNCONFIRMED_RETENTION_DAYS after its last link went out), then erased: the row, its personal
fields and its emails, and the Supporter it named if nothing else holds them.

Each app declares its forms in its platform.py (`UnconfirmedForms`: a selector of the expired
forms and a service erasing some of them); this one periodic job reads each app's in keyset
pages by id, at most `limit` a run, and hands each page to the app's service, which locks the
rows and erases only those still expired. So a confirmation racing the job either goes first
(the form is confirmed and kept) or finds the form gone (its link answers that it can no
longer be used). Running it twice erases nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from ayni.core import registry
from ayni.supporters.services import erase_unheld_supporters

logger = logging.getLogger(__name__)

PAGE = 200  # forms read, locked and erased per transaction
RUN_LIMIT = 2000  # forms of one kind looked at per run at most: the next run takes the rest


@dataclass(frozen=True)
class Erased:
    """What an app's erasing service did: how many forms it erased, and the Supporters those
    forms named (each erased too, by `erase_unconfirmed`, if nothing else holds them)."""

    forms: int
    supporter_ids: frozenset[int] = frozenset()


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Forms whose last confirmation link went out before this are erased."""
    return (now or timezone.now()) - timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS)


def link_sent_since(before: datetime) -> Q:
    """On an email row of a form (an outbox row with `created_at`): it may carry a
    confirmation link that still works at `before`, because it was made, made due or sent
    since, or is being sent now. A form with such an email is kept."""
    return (
        Q(created_at__gte=before)
        | Q(email_due_at__gte=before)
        | Q(emailed_at__gte=before)
        | Q(email_claimed_at__isnull=False)
    )


def erase_unconfirmed(
    *, now: datetime | None = None, page: int = PAGE, limit: int = RUN_LIMIT
) -> dict[str, int]:
    """Erase every app's forms never confirmed whose links are dead (periodic job).

    Side effects: per app, its erasing service deletes the expired forms with their emails,
    a page at a time; each Supporter they named that nothing else holds is erased
    (supporters.services.erase_unheld_supporters). Returns how many forms of each kind went.
    """
    before = retention_cutoff(now)
    erased: dict[str, int] = {}
    for forms in registry.unconfirmed_forms():
        select: Callable[[datetime], QuerySet] = import_string(forms.select)
        erase: Callable[..., Erased] = import_string(forms.erase)
        erased[forms.name] = 0
        for ids in _pages(select(before), page=page, limit=limit):
            outcome = erase(ids=ids, before=before)
            erase_unheld_supporters(supporter_ids=outcome.supporter_ids)
            erased[forms.name] += outcome.forms
        if erased[forms.name]:
            logger.info(
                "Erased %d %s never confirmed (links sent before %s)",
                erased[forms.name],
                forms.name,
                before.isoformat(),
            )
    return erased


def _pages(expired: QuerySet, *, page: int, limit: int) -> Iterable[list[int]]:
    """The ids of `expired`, in pages in id order (each read after the last id of the one
    before, so a form kept by its service is not read again), `limit` ids in all at most."""
    after, seen = 0, 0
    while seen < limit:
        size = min(page, limit - seen)
        ids = list(expired.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids
        seen += len(ids)
        after = ids[-1]
        if len(ids) < size:
            return
