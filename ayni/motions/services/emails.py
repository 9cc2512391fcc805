"""The emails of an adoption report, each an AdoptionEmail row sent through the supporters'
outbox (ayni.supporters.outbox).

`queue_email` makes one due (the reporting services, and moderation when it verifies or
rejects a report); `prepare` decides, when the worker claims a row, whether its email is still
due (a confirmation for a report confirmed or erased since is not; one from an IP over the
rate limit is held) and what it says.
"""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from ayni.motions import tokens
from ayni.motions.enums import AdoptionStatus, EmailKind
from ayni.motions.models import Adoption, AdoptionEmail
from ayni.supporters import limits, outbox
from ayni.supporters.emails import absolute_url

# Who each kind of email is for, by the report's status when it is sent.
FOR = {
    EmailKind.CONFIRM: {AdoptionStatus.PENDING},
    EmailKind.AGAIN: {AdoptionStatus.SUBMITTED, AdoptionStatus.VERIFIED},
    EmailKind.RECEIVED: {AdoptionStatus.SUBMITTED},
    EmailKind.VERIFIED: {AdoptionStatus.VERIFIED},
    EmailKind.REJECTED: {AdoptionStatus.REJECTED},
}
# Sent because someone filled in the form: held when their IP is over the rate limit.
FROM_THE_FORM = {EmailKind.CONFIRM, EmailKind.AGAIN}


def queue_email(adoption: Adoption, kind: str, *, key: str = "", ip_hash: str = "") -> None:
    """Make one email of `kind` due for the report now (sent by the worker). With a `key`, at
    most once per key (a second call is dropped by the database's constraint): moderation
    calls `queue_email(adoption, EmailKind.VERIFIED, key="verified")`. Side effects: one
    AdoptionEmail row."""
    now = timezone.now()
    email = AdoptionEmail(
        adoption_id=adoption.pk,
        kind=kind,
        key=key,
        email_due=kind,
        email_due_at=now,
        created_at=now,
        ip_hash=ip_hash,
    )
    if key:
        AdoptionEmail.objects.bulk_create([email], ignore_conflicts=True)
    else:
        email.save()


def cancel_confirmations(adoption: Adoption) -> int:
    """Drop the confirmation emails still due for the report (confirmed now: a link sent now
    could only say so). Returns how many."""
    return outbox.cancel_due(
        AdoptionEmail.objects.filter(
            adoption=adoption, kind=EmailKind.CONFIRM, email_claimed_at__isnull=True
        )
    )


def report_links(adoption: Adoption, *, confirm_email: int | None = None) -> dict[str, str]:
    """The reporter's links, in their language. The footer's `withdraw_url` is their own page
    (where the report's status shows and it can be erased). A confirmation email's link names
    that email (`confirm_email`, its AdoptionEmail id)."""
    language = adoption.language
    manage = tokens.MANAGE.make(adoption.pk)
    confirm = {}
    if confirm_email is not None:
        confirm["confirm_url"] = absolute_url(
            "motions:report_confirm", language=language, token=tokens.CONFIRM.make(confirm_email)
        )
    return {
        **confirm,
        "manage_url": absolute_url("motions:report_manage", language=language, token=manage),
        "withdraw_url": absolute_url("motions:report_manage", language=language, token=manage),
        "data_url": absolute_url("motions:report_data", language=language, token=manage),
        "erase_url": absolute_url("motions:report_erase", language=language, token=manage),
        "motion_url": absolute_url("motions:detail", language=language, slug=adoption.motion.slug),
        # A rejected report's reporter may report the meeting again.
        "report_url": absolute_url("motions:report", language=language, slug=adoption.motion.slug),
    }


def send_adoption_email(email_id: int, connection: BaseEmailBackend, free: outbox.Unclaimed) -> str:
    """Side effects: claims the row, sends its email if still due, empties its outbox."""
    return outbox.send_due(AdoptionEmail, email_id, prepare, connection=connection, free=free)


def _why_not_due(row: AdoptionEmail) -> str:
    """ "" if the row's email is still due, else why not."""
    if row.adoption.status not in FOR[EmailKind(row.kind)]:
        return "no longer due"
    if (
        row.kind in FROM_THE_FORM
        and row.ip_hash
        and limits.over_rate_limit(
            AdoptionEmail.objects.filter(ip_hash=row.ip_hash, created_at__lte=row.created_at),
            at=row.created_at,
        )
    ):
        return "held"
    return ""


def prepare(email_id: int) -> outbox.DueEmail | str:
    row = AdoptionEmail.objects.select_related(
        "adoption__motion", "adoption__body__organisation"
    ).get(pk=email_id)
    reason = _why_not_due(row)
    if reason:
        return reason
    adoption = row.adoption
    links = report_links(adoption, confirm_email=row.pk if row.kind == EmailKind.CONFIRM else None)
    return outbox.DueEmail(
        to=adoption.reporter_email,
        template=f"motions/email/{row.kind}",
        context={
            "adoption": adoption,
            "motion": adoption.motion,
            "title": adoption.motion.text("title", adoption.language),
            "body": adoption.body,
        },
        language=adoption.language,
        links=links,
        message_id_key=f"adoption-email-{row.pk}",
    )
