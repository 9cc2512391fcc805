"""Pledging: the action's own writes. The outbox, links, emails and consent are the supporters'."""

from __future__ import annotations

from datetime import datetime

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ayni.supporters import limits, outbox
from ayni.supporters.confirm_page import DONE, READY
from ayni.supporters.emails import absolute_url
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.retention import Erased, link_sent_since
from ayni.supporters.services import record_consents, upsert_supporter
from tests.pledges import tokens
from tests.pledges.models import Pledge

CONFIRM_DUE = "confirm"


def make_pledge(
    *, name: str, email: str, language: str, wants_updates: bool, ip_hash: str = ""
) -> Pledge:
    """Side effects: one Pledge row, its confirmation email due. The same INSERT whatever the
    address or the IP did before: the rate limit is judged when the email is due to go."""
    pledge = Pledge(
        name=name,
        email=email,
        language=language,
        wants_updates=wants_updates,
        ip_hash=ip_hash,
        email_due=CONFIRM_DUE,
        email_due_at=timezone.now(),
    )
    pledge.full_clean()
    pledge.save()
    return pledge


def pledge_links(pledge: Pledge) -> dict[str, str]:
    withdraw = tokens.WITHDRAW.make(pledge.pk)
    return {
        "confirm_url": absolute_url(
            "pledges:confirm", language=pledge.language, token=tokens.CONFIRM.make(pledge.pk)
        ),
        "withdraw_url": absolute_url("pledges:withdraw", language=pledge.language, token=withdraw),
        "data_url": absolute_url("pledges:data", language=pledge.language, token=withdraw),
        "erase_url": absolute_url("pledges:erase", language=pledge.language, token=withdraw),
    }


def send_pledge_email(pledge_id: int, connection: BaseEmailBackend, free: Q) -> str:
    """Side effects: claims the row, sends its confirmation, empties its outbox."""
    return outbox.send_due(Pledge, pledge_id, _due_email, connection=connection, free=free)


def _due_email(pledge_id: int) -> outbox.DueEmail | str:
    pledge = Pledge.objects.get(pk=pledge_id)
    if pledge.confirmed_at or pledge.withdrawn_at:
        return "no longer due"
    if pledge.ip_hash and limits.over_rate_limit(
        Pledge.objects.filter(ip_hash=pledge.ip_hash, created_at__lte=pledge.created_at),
        at=pledge.created_at,
    ):
        return "held"
    return outbox.DueEmail(
        to=pledge.email,
        template="pledges/email/confirm",
        context={"pledge": pledge},
        language=pledge.language,
        links=pledge_links(pledge),
        message_id_key=f"pledge-{pledge.pk}",
    )


def pledge_state(pledge: Pledge) -> str:
    if pledge.withdrawn_at:
        return "gone"
    return DONE if pledge.confirmed_at else READY


@transaction.atomic
def confirm_pledge(pledge: Pledge) -> str:
    """What confirming does. Side effects: confirmed_at, the Supporter, a Consent row if
    updates were asked for; the confirmation still due is dropped. Twice is harmless."""
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    state = pledge_state(pledge)
    if state != READY:
        return READY if state == DONE else state
    supporter = upsert_supporter(email=pledge.email, name=pledge.name, language=pledge.language)
    purposes = [tokens.PLEDGE_CONSENT.purpose]
    if pledge.wants_updates:
        purposes.append(ConsentPurpose.CAMPAIGN_UPDATES)
    record_consents(
        supporter=supporter,
        purposes=purposes,
        language=pledge.language,
        source=f"pledge:{pledge.pk}",
    )
    pledge.confirmed_at = timezone.now()
    pledge.supporter = supporter
    pledge.save(update_fields=["confirmed_at", "supporter"])
    outbox.cancel_due(Pledge.objects.filter(pk=pledge.pk))
    return READY


def withdraw_pledge(pledge: Pledge) -> str:
    Pledge.objects.filter(pk=pledge.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    return READY


def erase_pledge(pledge: Pledge) -> str:
    Pledge.objects.filter(pk=pledge.pk).delete()
    return READY


def unconfirmed_pledges(before: datetime) -> QuerySet[Pledge]:
    """Pledges never confirmed whose link went out before `before` (the row is its own email)."""
    return Pledge.objects.filter(confirmed_at__isnull=True).exclude(link_sent_since(before))


@transaction.atomic
def erase_unconfirmed_pledges(*, ids: list[int], before: datetime) -> Erased:
    """Side effects: the pledges among `ids` still expired are deleted (locked first)."""
    rows = list(
        unconfirmed_pledges(before)
        .filter(pk__in=ids)
        .select_for_update()
        .values_list("pk", "supporter_id")
    )
    Pledge.objects.filter(pk__in=[pk for pk, _supporter in rows]).delete()
    return Erased(forms=len(rows), supporter_ids=frozenset(s for _pk, s in rows if s is not None))
