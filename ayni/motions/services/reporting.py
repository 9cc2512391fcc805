"""Reporting an adoption: the supporter action, double opt-in as for statements and events.

Anyone may report that a body met and decided on a motion. The form's answer is the same
whatever the address's history ("check your inbox"): a new report is sent a confirmation
link; a report of the same meeting from the same address still unconfirmed is replaced by the
new one (the latest form is the one confirmed); one confirmed already is not touched, and its
reporter is emailed their link again. Confirming hands the report to the moderators.

Erasing (the reporter's link, or their Supporter erased): a report not yet verified goes
whole (its commitments, emails, evidence file, and a body proposed with it that nothing else
uses); a verified report is a public fact others rely on (the roll-up, forwarding chains), so
it stays, without its reporter: name, address, IP hash, the link to the Supporter, the emails
and the uploaded evidence file (it may show the reporter) are removed; the evidence link,
public already, stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.motions import selectors
from ayni.motions.enums import (
    ADOPTION_REPORT_CONSENT,
    AdoptionStatus,
    BodyStatus,
    EmailKind,
    Outcome,
)
from ayni.motions.models import Adoption, AdoptionEmail, Body, Commitment, Motion, Organisation
from ayni.motions.services import bodies
from ayni.motions.services.emails import cancel_confirmations, queue_email
from ayni.motions.services.evidence import CheckedEvidence, evidence_file
from ayni.supporters.confirm_page import DONE, EXPIRED, READY
from ayni.supporters.models import Supporter
from ayni.supporters.normalise import normalise_email
from ayni.supporters.retention import Erased
from ayni.supporters.services import (
    erase_supporter,
    export_supporter,
    record_consent,
    upsert_supporter,
)

# A report the database holds one of per reporter and meeting (the constraint
# motions_adoption_once_per_reporter).
LIVE = [AdoptionStatus.PENDING, AdoptionStatus.SUBMITTED, AdoptionStatus.VERIFIED]
SECTIONS = ("notes", "believes", "resolves")


@dataclass(frozen=True)
class ProposedBody:
    """A body the reporter did not find in the list: proposed, for a moderator to list."""

    organisation: Organisation
    name: str
    level: int
    parent: Body | None = None


@dataclass(frozen=True)
class Pledge:
    """A commitment the body made; money pledged has an amount and a currency."""

    kind: str
    amount: Decimal | None = None
    currency: str = ""


def propose_body(
    *, organisation: Organisation, name: str, level: int, parent: Body | None = None
) -> Body:
    """The body a reporter named: the one of that name under that parent if the organisation
    lists it already (the reporter did not find it), else proposed through
    `services.bodies.propose_body` (a moderator lists or refuses it; the same form twice
    proposes one body). Runs with the organisation's row locked, so copies of one form sent
    at once propose one body."""
    name = " ".join(name.split())
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    listed = Body.objects.filter(
        organisation=organisation,
        parent=parent,
        level=level,
        name__iexact=name,
        status=BodyStatus.LISTED,
    ).first()
    if listed is not None:
        return listed
    return bodies.propose_body(
        organisation=organisation,
        parent=parent,
        name=name,
        level=level,
        country=str(parent.country if parent is not None else organisation.country),
    )


def report_adoption(
    *,
    motion: Motion,
    body: Body | ProposedBody,
    meeting_date: date,
    outcome: str,
    name: str,
    email: str,
    language: str,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstaining: int | None = None,
    pledges: Sequence[Pledge] = (),
    amended: dict[str, str] | None = None,
    evidence_url: str = "",
    evidence: CheckedEvidence | None = None,
    ip_hash: str = "",
) -> Adoption:
    """Take the form. Side effects, in one transaction: a proposed body if one is named; a new
    Adoption (PENDING, of the motion's current version) with its Commitments and evidence
    file, and its confirmation email due; a pending report of the same meeting from the same
    address is replaced (deleted, its file with it). For a report of that meeting confirmed
    already: nothing stored, the "reported already" email due. The per-IP limit is judged
    when the email is due to go (ayni.motions.services.emails)."""
    version = selectors.current_version(motion)
    if version is None:
        raise ValidationError(_("This motion has no published text to report on."))
    details = {
        "motion": motion,
        "version": version,
        "meeting_date": meeting_date,
        "outcome": outcome,
        "votes_for": votes_for,
        "votes_against": votes_against,
        "votes_abstaining": votes_abstaining,
        "evidence_url": evidence_url,
        "reporter_name": name,
        "reporter_email": email,
        "email_normalised": normalise_email(email),
        "language": language,
        "ip_hash": ip_hash,
    }
    amended = amended or {}
    for section in SECTIONS:
        details[f"amended_{section}"] = (
            amended.get(section, "") if outcome == Outcome.AMENDED else ""
        )
    for attempt in range(2):
        written: list[str] = []
        try:
            with transaction.atomic():
                return _report(details, body, pledges, evidence, written)
        except IntegrityError:
            # The same form twice at once: the second finds the first's report.
            _delete_files(written)
            if attempt:
                raise
        except Exception:
            _delete_files(written)
            raise
    raise AssertionError("unreachable")


def _report(
    details: dict[str, object],
    body: Body | ProposedBody,
    pledges: Sequence[Pledge],
    evidence: CheckedEvidence | None,
    written: list[str],
) -> Adoption:
    if isinstance(body, ProposedBody):
        body = propose_body(
            organisation=body.organisation, name=body.name, level=body.level, parent=body.parent
        )
    # Reports of one body's meetings take turns (the body's row locked until the end): two
    # copies of one form at once would otherwise both find nothing, or both find the first.
    Body.objects.select_for_update().filter(pk=body.pk).first()
    meeting = {
        "motion": details["motion"],
        "body": body,
        "meeting_date": details["meeting_date"],
        "email_normalised": details["email_normalised"],
    }
    existing = Adoption.objects.select_for_update().filter(**meeting, status__in=LIVE).first()
    if existing is not None and existing.status != AdoptionStatus.PENDING:
        queue_email(existing, EmailKind.AGAIN, ip_hash=str(details["ip_hash"]))
        return existing
    if existing is not None:
        # The same body's report again: the body stays (this report will name it).
        _delete(existing, keep_body=True)
    adoption = Adoption(body=body, **details)
    commitments = [Commitment(kind=p.kind, amount=p.amount, currency=p.currency) for p in pledges]
    adoption.full_clean(exclude=["evidence_file"], validate_constraints=False)
    for commitment in commitments:
        commitment.full_clean(exclude=["adoption"], validate_unique=False)
    if evidence is not None:
        adoption.evidence_type = evidence.content_type
        upload = evidence_file(evidence)
        adoption.evidence_file.save(upload.name, upload, save=False)
        written.append(adoption.evidence_file.name)
    adoption.save()
    for commitment in commitments:
        commitment.adoption = adoption
    Commitment.objects.bulk_create(commitments)
    queue_email(adoption, EmailKind.CONFIRM, ip_hash=str(details["ip_hash"]))
    return adoption


def _delete_files(names: list[str]) -> None:
    storage = Adoption._meta.get_field("evidence_file").storage  # type: ignore[attr-defined]
    for name in names:
        storage.delete(name)


def _delete_file_on_commit(adoption: Adoption) -> None:
    name = adoption.evidence_file.name
    if name:
        transaction.on_commit(lambda: _delete_files([name]))


def _delete(adoption: Adoption, *, keep_body: bool = False) -> None:
    """Delete the report (its commitments and emails with it), its file once that holds, and
    the body proposed with it if nothing else uses it (unless `keep_body`)."""
    _delete_file_on_commit(adoption)
    body = adoption.body
    adoption.delete()
    if (
        not keep_body
        and body.status == BodyStatus.PROPOSED
        and not body.adoptions.exists()
        and not body.children.exists()
        and not body.forwarded_to.exists()
    ):
        body.delete()


def report_state(adoption: Adoption) -> str:
    """For the confirm page: READY (show the button) or DONE (confirmed already)."""
    return READY if adoption.status == AdoptionStatus.PENDING else DONE


def confirm_report(adoption: Adoption) -> str:
    """The reporter's address is confirmed. Side effects: status SUBMITTED (for the
    moderators); the Supporter upserted and the report's consent recorded; confirmation emails
    still due dropped; the "report received" email due. Twice is harmless (DONE)."""
    with transaction.atomic():
        found = Adoption.objects.select_for_update().filter(pk=adoption.pk).first()
        if found is None:
            # Erased meanwhile: never confirmed, its link had just expired (retention).
            return EXPIRED
        adoption = found
        if adoption.status != AdoptionStatus.PENDING:
            return DONE
        now = timezone.now()
        supporter = upsert_supporter(
            email=adoption.reporter_email, name=adoption.reporter_name, language=adoption.language
        )
        record_consent(
            supporter=supporter,
            purpose=ADOPTION_REPORT_CONSENT.purpose,
            language=adoption.language,
            source=f"motion-adoption:{adoption.pk}",
            given_at=now,
        )
        adoption.status = AdoptionStatus.SUBMITTED
        adoption.confirmed_at = now
        adoption.supporter = supporter
        adoption.save(update_fields=["status", "confirmed_at", "supporter"])
        cancel_confirmations(adoption)
        queue_email(adoption, EmailKind.RECEIVED, key="received")
    return READY


def erase_report(adoption: Adoption) -> str:
    """The reporter asks for their data to be erased: the person, not only this report (as
    for events). Side effects: a confirmed reporter's Supporter is erased (every app's rows,
    through supporters.services.erase_supporter and the receivers, this app's included);
    otherwise this report is erased by the rule in the module's docstring."""
    supporter = Adoption.objects.filter(pk=adoption.pk).values_list("supporter", flat=True).first()
    if supporter is not None:
        erase_supporter(supporter=Supporter.objects.get(pk=supporter))
    else:
        erase_reports(Adoption.objects.filter(pk=adoption.pk))
    return READY


@transaction.atomic
def erase_reports(adoptions: QuerySet[Adoption]) -> int:
    """Erase these reports' reporter: verified reports keep the public fact without the
    reporter's data, the rest are deleted (the module's docstring). Returns how many."""
    erased = 0
    for adoption in adoptions.select_related("body").select_for_update(of=("self",)):
        if adoption.status == AdoptionStatus.VERIFIED:
            _delete_file_on_commit(adoption)
            AdoptionEmail.objects.filter(adoption=adoption).delete()
            Adoption.objects.filter(pk=adoption.pk).update(
                reporter_name="",
                reporter_email="",
                email_normalised="",
                ip_hash="",
                supporter=None,
                evidence_file="",
                evidence_type="",
            )
        else:
            _delete(adoption)
        erased += 1
    return erased


def erase_unconfirmed_reports(*, ids: list[int], before: datetime) -> Erased:
    """Erase the reports among `ids` still never confirmed with their last confirmation email
    sent before `before` (the supporters' retention job, ayni.supporters.retention).

    Through `erase_reports`, which locks the reports first: a confirmation racing this either
    went first (the report is submitted and kept) or waits and finds it gone. Side effects:
    those reports are deleted whole (commitments, emails, evidence file, a body proposed with
    them that nothing else uses); no roll-up moves (only verified reports count).
    """
    expired = selectors.unconfirmed_reports(before).filter(pk__in=ids)
    # Read before the lock: a Supporter of a report confirmed meanwhile is kept all the same,
    # since that report holds them (supporters.selectors.supporter_is_held).
    supporter_ids = frozenset(
        expired.exclude(supporter=None).values_list("supporter_id", flat=True)
    )
    return Erased(forms=erase_reports(expired), supporter_ids=supporter_ids)


def report_export(adoption: Adoption) -> dict[str, object]:
    """One report as the reporter's data export shows it."""
    return {
        "motion": adoption.motion.title_en,
        "body": adoption.body.name,
        "organisation": adoption.body.organisation.name,
        "meeting_date": adoption.meeting_date.isoformat(),
        "outcome": adoption.outcome,
        "votes_for": adoption.votes_for,
        "votes_against": adoption.votes_against,
        "votes_abstaining": adoption.votes_abstaining,
        "commitments": [
            {
                "kind": c.kind,
                "amount": str(c.amount) if c.amount is not None else None,
                "currency": c.currency,
            }
            for c in adoption.commitments.all()
        ],
        "amended_text": {s: adoption.amended(s) for s in SECTIONS if adoption.amended(s)},
        "evidence_url": adoption.evidence_url,
        "evidence_file": bool(adoption.evidence_file),
        "name": adoption.reporter_name,
        "email": adoption.reporter_email,
        "language": adoption.language,
        "status": adoption.status,
        "reported_at": adoption.created_at.isoformat(),
        "confirmed_at": adoption.confirmed_at.isoformat() if adoption.confirmed_at else None,
        "verified_at": adoption.verified_at.isoformat() if adoption.verified_at else None,
        "rejection_reason": adoption.rejection_reason,
    }


def export_reporter_data(adoption: Adoption) -> dict[str, object]:
    """What we hold about the person behind this report: their Supporter record (all apps),
    or just this report if the address was never confirmed."""
    if adoption.supporter is not None:
        return export_supporter(supporter=adoption.supporter)
    return {"motion_adoption_reports": [report_export(adoption)]}
