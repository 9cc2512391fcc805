"""Moderating adoption reports: verify, reject, merge a duplicate, reopen a mistake.

Only a report whose reporter confirmed their address (SUBMITTED) is moderated. Verifying makes
it public and counted (the roll-up counts verified reports whose body adopted the motion) and
starts its forwarding; rejecting tells the reporter why; a second report of a meeting is merged
into the first, never counted twice; a verified or rejected report reopened goes back to the
queue.

A report on a body the public proposed with it is verified only once a moderator has listed
that body (checked its name, level and parent: the roll-up and forwarding read the tree), so
verifying refuses it with a message saying so; a refused body's report can only be rejected.

Each service runs in one transaction with the body's row locked first, then the reports' (the
order reporting takes them in: ayni.motions.services.reporting), refuses what does not apply
with a ValidationError saying why (nothing changed), and leaves the admin's history (LogEntry)
to the back office that called it.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from ayni.core.validators import validate_plain_text
from ayni.motions.enums import AdoptionStatus, BodyStatus, EmailKind, Outcome
from ayni.motions.models import Adoption, AdoptionEmail, Body, Commitment, Forwarding
from ayni.motions.services import forwarding
from ayni.motions.services.emails import queue_email

logger = logging.getLogger(__name__)

REASON_MAX = 2000
# What each status says when a step needs a SUBMITTED report.
NOT_SUBMITTED: dict[str, StrOrPromise] = {
    AdoptionStatus.PENDING: _(
        "The reporter has not confirmed their address yet: the report is not ready to moderate."
    ),
    AdoptionStatus.VERIFIED: _("This report is verified already."),
    AdoptionStatus.REJECTED: _("This report was rejected: reopen it first."),
    AdoptionStatus.MERGED: _("This report was merged into another one."),
}
SAME_MEETING = _(
    "A report of this meeting (the same body and date) is verified already: merge this one "
    "into it instead."
)
REOPEN_ONLY = _("Only a verified or rejected report can be reopened.")
MERGE_VERIFIED = _("This report is verified: reopen it first, then merge it.")
SECTIONS = ("notes", "believes", "resolves")
VOTES = ("votes_for", "votes_against", "votes_abstaining")


def _locked(adoption: Adoption) -> Adoption:
    """The report's body, then the report, locked until the transaction ends."""
    Body.objects.select_for_update().filter(pk=adoption.body_id).first()
    return (
        Adoption.objects.select_for_update(of=("self",))
        .select_related("body", "motion")
        .get(pk=adoption.pk)
    )


def _require_submitted(adoption: Adoption) -> None:
    if adoption.status != AdoptionStatus.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED[adoption.status], code="status")


def _refresh(adoption: Adoption, current: Adoption) -> Adoption:
    """The caller's instance brought up to date (a view shows it after)."""
    adoption.refresh_from_db()
    return current


def verify_adoption(*, adoption: Adoption, by: User | None) -> Adoption:
    """The report is checked and true: published and counted. Side effects: status VERIFIED,
    verified_at and verified_by; the "report verified" email due (once, whatever happens to
    the report after: key "verified"); its forwarding to the parent body if it resolves to
    forward (ayni.motions.services.forwarding), and the forwardings to its body it answers.
    Refused when the report is not SUBMITTED, its body is not listed, or a report of the same
    meeting (motion, body, date) is verified already: then it is to be merged. Two moderators
    verifying two reports of one meeting at once: one is verified, the other refused (the body's
    row lock, and the database's constraint motions_adoption_counted_once behind it)."""
    try:
        with transaction.atomic():
            current = _locked(adoption)
            _require_submitted(current)
            if current.body.status == BodyStatus.PROPOSED:
                raise ValidationError(
                    _(
                        "The body “%(body)s” was proposed with this report and is not listed yet: "
                        "list it (check its name, level and parent body) first, then verify."
                    )
                    % {"body": current.body.name},
                    code="body",
                )
            if current.body.status == BodyStatus.REFUSED:
                raise ValidationError(
                    _("The body “%(body)s” was refused: this report can only be rejected.")
                    % {"body": current.body.name},
                    code="body",
                )
            same_meeting = Adoption.objects.filter(
                motion_id=current.motion_id,
                body_id=current.body_id,
                meeting_date=current.meeting_date,
                status=AdoptionStatus.VERIFIED,
            )
            if same_meeting.exists():
                raise ValidationError(SAME_MEETING, code="duplicate")
            current.status = AdoptionStatus.VERIFIED
            current.verified_at = timezone.now()
            current.verified_by = by
            current.full_clean(exclude=["evidence_file"], validate_constraints=False)
            current.save(update_fields=["status", "verified_at", "verified_by"])
            queue_email(current, EmailKind.VERIFIED, key="verified")
            forwarding.forward_adoption(adoption=current)
            forwarding.link_results(adoption=current)
    except IntegrityError:
        # The database's last word on the same meeting verified twice at once.
        raise ValidationError(SAME_MEETING, code="duplicate") from None
    logger.info("Adoption %s verified by user %s", current.pk, getattr(by, "pk", None))
    return _refresh(adoption, current)


def clean_reason(reason: str) -> str:
    """The rejection's reason as the reporter will read it: trimmed, required, plain text of
    at most REASON_MAX characters. Raises ValidationError({"reason": …})."""
    reason = (reason or "").replace("\r\n", "\n").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the report is not accepted: the reporter is sent it.")},
            code="required",
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {
                "reason": _("The reason is %(length)d characters long: keep it to %(max)d at most.")
                % {"length": len(reason), "max": REASON_MAX}
            },
            code="max_length",
        )
    try:
        validate_plain_text(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from None
    return reason


def reject_adoption(*, adoption: Adoption, by: User | None, reason: str) -> Adoption:
    """The report cannot be accepted. Side effects: status REJECTED with the reason (plain
    text, required, at most REASON_MAX characters); the "report not accepted" email due with
    the reason, in the reporter's language (once per rejection: a report reopened and rejected
    again is emailed again). The reporter may report the meeting again. Refused when the
    report is not SUBMITTED or the reason is missing or bad."""
    reason = clean_reason(reason)
    with transaction.atomic():
        current = _locked(adoption)
        _require_submitted(current)
        current.status = AdoptionStatus.REJECTED
        current.rejection_reason = reason
        try:
            current.full_clean(exclude=["evidence_file"], validate_constraints=False)
        except ValidationError as error:
            raise ValidationError(
                {"reason": error.message_dict.get("rejection_reason", error.messages)}
            ) from None
        current.save(update_fields=["status", "rejection_reason"])
        rejections = AdoptionEmail.objects.filter(adoption=current, kind=EmailKind.REJECTED).count()
        queue_email(current, EmailKind.REJECTED, key=f"rejected-{rejections + 1}")
    logger.info("Adoption %s rejected by user %s", current.pk, getattr(by, "pk", None))
    return _refresh(adoption, current)


def merge_adoptions(*, duplicate: Adoption, into: Adoption, by: User | None) -> Adoption:
    """`duplicate` reports the meeting `into` reports (the same motion and body; the dates may
    differ by a typo). Side effects: the duplicate MERGED with `merged_into`, never counted; the
    kept report given what it lacks and the duplicate has — each vote count, the evidence (link
    and file), the commitments of kinds it has not, the amended text when both were amended —
    the duplicate's forwarding moved to it if it has none; if the kept report is verified, its
    forwarding started or linked as verifying would. No email: the duplicate's reporter sees
    the status on their own page. Refused when the two are the same report, of another motion
    or body, the duplicate is not SUBMITTED (a verified one is reopened first), or the kept
    one is not SUBMITTED or VERIFIED. Returns the kept report."""
    if duplicate.pk == into.pk:
        raise ValidationError(_("A report cannot be merged into itself."), code="self")
    if (duplicate.motion_id, duplicate.body_id) != (into.motion_id, into.body_id):
        raise ValidationError(
            _("Only reports of the same motion by the same body can be merged."), code="other"
        )
    with transaction.atomic():
        current = _locked(duplicate)
        kept = (
            Adoption.objects.select_for_update(of=("self",))
            .select_related("body", "motion")
            .get(pk=into.pk)
        )
        if current.status != AdoptionStatus.SUBMITTED:
            if current.status == AdoptionStatus.VERIFIED:
                raise ValidationError(MERGE_VERIFIED, code="status")
            raise ValidationError(NOT_SUBMITTED[current.status], code="status")
        if kept.status not in (AdoptionStatus.SUBMITTED, AdoptionStatus.VERIFIED):
            raise ValidationError(
                _("A report can only be merged into one waiting for a moderator or verified."),
                code="status",
            )
        filled = _fill(kept, current)
        current.status = AdoptionStatus.MERGED
        current.merged_into = kept
        current.save(update_fields=["status", "merged_into", *_moved_from(filled)])
        _move_forwarding(current, kept)
        if kept.status == AdoptionStatus.VERIFIED:
            forwarding.forward_adoption(adoption=kept)
            forwarding.link_results(adoption=kept)
    logger.info(
        "Adoption %s merged into %s by user %s (filled: %s)",
        current.pk,
        kept.pk,
        getattr(by, "pk", None),
        ", ".join(filled) or "nothing",
    )
    duplicate.refresh_from_db()
    into.refresh_from_db()
    return into


def _fill(kept: Adoption, duplicate: Adoption) -> list[str]:
    """Give the kept report what only the duplicate has; the names of what was given."""
    filled = [field for field in VOTES if getattr(kept, field) is None]
    filled = [field for field in filled if getattr(duplicate, field) is not None]
    for field in filled:
        setattr(kept, field, getattr(duplicate, field))
    if not kept.evidence_url and duplicate.evidence_url:
        kept.evidence_url = duplicate.evidence_url
        filled.append("evidence_url")
    if not kept.evidence_file and duplicate.evidence_file:
        # The file is the kept report's now: erasing the duplicate's reporter leaves it.
        kept.evidence_file = duplicate.evidence_file.name
        kept.evidence_type = duplicate.evidence_type
        duplicate.evidence_file = ""  # type: ignore[assignment]
        duplicate.evidence_type = ""
        filled += ["evidence_file", "evidence_type"]
    if kept.outcome == Outcome.AMENDED == duplicate.outcome and not any(
        kept.amended(s) for s in SECTIONS
    ):
        for section in SECTIONS:
            setattr(kept, f"amended_{section}", duplicate.amended(section))
        filled += [f"amended_{section}" for section in SECTIONS]
    if filled:
        kept.save(update_fields=filled)
    has = set(kept.commitments.values_list("kind", flat=True))
    moved = Commitment.objects.filter(adoption=duplicate).exclude(kind__in=has)
    kinds = list(moved.values_list("kind", flat=True))
    moved.update(adoption=kept)
    return filled + [f"commitment:{kind}" for kind in kinds]


def _moved_from(filled: list[str]) -> list[str]:
    """The duplicate's own fields that giving the kept report its file emptied."""
    return ["evidence_file", "evidence_type"] if "evidence_file" in filled else []


def _move_forwarding(duplicate: Adoption, kept: Adoption) -> None:
    """The duplicate's forwarding (from a time it was verified) is the kept report's if it has
    none; the forwardings the duplicate answered wait again (the kept report answers them if
    it is verified)."""
    forwarding.unlink_results(adoption=duplicate)
    mine = Forwarding.objects.filter(adoption=duplicate).first()
    if mine is None:
        return
    if Forwarding.objects.filter(adoption=kept).exists():
        mine.delete()
    else:
        Forwarding.objects.filter(pk=mine.pk).update(adoption=kept)


def reopen_adoption(*, adoption: Adoption, by: User | None) -> Adoption:
    """A verification or rejection was a mistake: the report goes back to the moderators'
    queue. Side effects: status SUBMITTED, verified_at, verified_by and the rejection's reason
    cleared; a verified report is no longer public or counted, and the forwardings it answered
    wait again (its own forwarding is kept, for when it is verified again, and uncounted till
    then); emails still due for the old status are dropped when their turn comes. The reporter
    is not emailed again for a second verification. Refused for a report neither verified nor
    rejected."""
    with transaction.atomic():
        current = _locked(adoption)
        if current.status not in (AdoptionStatus.VERIFIED, AdoptionStatus.REJECTED):
            raise ValidationError(REOPEN_ONLY, code="status")
        was = current.status
        current.status = AdoptionStatus.SUBMITTED
        current.verified_at = None
        current.verified_by = None
        current.rejection_reason = ""
        current.save(update_fields=["status", "verified_at", "verified_by", "rejection_reason"])
        forwarding.unlink_results(adoption=current)
    logger.info(
        "Adoption %s reopened (was %s) by user %s", current.pk, was, getattr(by, "pk", None)
    )
    return _refresh(adoption, current)
