"""Forwarding: a verified report that resolved to send the motion on becomes a submission to
the body's parent (its meeting or conference), and the parent's own verified report of the
motion is that submission's result, so a path branch → region → national conference links
itself, whatever order the moderators verify the reports in.

A report forwards when its body adopted the motion (enums.ADOPTED) and either the reporter
ticked "forward the motion to the next level" (CommitmentKind.FORWARD), or the body passed the
model text unamended and the model motion suggests forwarding (its "resolves" asks for it, and
`Motion.suggested_commitments` says so): passing it unamended passed that resolution too. An
amended text may have dropped it, so an amended adoption forwards only when the reporter says
so. A body without a parent (a national body) forwards nowhere.

A submission is waiting (SUBMITTED) until the parent's verified report of the motion from a
meeting on or after the forwarding body's arrives (HEARD, with that report as `result`,
whatever it decided), or until FORWARDING_LAPSE_DAYS after its deadline (LAPSED, by the periodic
job; a report verified later still links it). Many submissions may share one result: a
regional conference hears all its branches' motions at once.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.motions.enums import ADOPTED, AdoptionStatus, CommitmentKind, ForwardingState, Outcome
from ayni.motions.models import Adoption, Forwarding

logger = logging.getLogger(__name__)

# Forwardings a parent body's verified report may still answer.
WAITING = [ForwardingState.SUBMITTED, ForwardingState.LAPSED]


def forwards(adoption: Adoption) -> bool:
    """Whether the report resolves to send the motion on (the module's docstring)."""
    if adoption.outcome not in ADOPTED:
        return False
    kinds = {c.kind for c in adoption.commitments.all()}
    if CommitmentKind.FORWARD in kinds:
        return True
    return (
        adoption.outcome == Outcome.PASSED
        and CommitmentKind.FORWARD in adoption.motion.commitment_kinds
    )


def forward_adoption(*, adoption: Adoption) -> Forwarding | None:
    """The verified report's submission to its body's parent, if it forwards (run inside the
    verification's transaction). Side effects: a Forwarding (SUBMITTED, meeting and deadline
    left for the moderator or organiser to fill in), linked at once (HEARD) to the parent's
    report if one is verified already; none when the report does not forward or its body has
    no parent. Verified again after a reopening, the report keeps its forwarding (its meeting
    and deadline), linked now if the parent's report has come. Returns the forwarding, or
    None."""
    parent_id = adoption.body.parent_id
    if parent_id is None or not forwards(adoption):
        return None
    forwarding = Forwarding.objects.filter(adoption=adoption).first()
    if forwarding is not None and forwarding.result_id is not None:
        return forwarding
    forwarding = forwarding or Forwarding(adoption=adoption, to_body_id=parent_id)
    answer = (
        Adoption.objects.filter(
            motion_id=adoption.motion_id,
            body_id=parent_id,
            status=AdoptionStatus.VERIFIED,
            meeting_date__gte=adoption.meeting_date,
        )
        .order_by("meeting_date", "pk")
        .first()
    )
    if answer is not None:
        forwarding.result = answer
        forwarding.state = ForwardingState.HEARD
    forwarding.full_clean()
    forwarding.save()
    logger.info("Adoption %s forwarded to body %s", adoption.pk, parent_id)
    return forwarding


def link_results(*, adoption: Adoption) -> int:
    """The verified report is its body's decision on the motion: the submissions of the same
    motion to that body from meetings on or before it, still waiting, are answered by it.
    Side effects: those Forwardings get `result` = the report and state HEARD. Returns how
    many."""
    linked = Forwarding.objects.filter(
        to_body_id=adoption.body_id,
        state__in=WAITING,
        result__isnull=True,
        adoption__motion_id=adoption.motion_id,
        adoption__status=AdoptionStatus.VERIFIED,
        adoption__meeting_date__lte=adoption.meeting_date,
    ).update(result=adoption, state=ForwardingState.HEARD)
    if linked:
        logger.info("Adoption %s answers %d forwardings", adoption.pk, linked)
    return linked


def unlink_results(*, adoption: Adoption) -> int:
    """The report no longer stands as its body's decision (reopened, merged): the submissions
    it answered wait again. Side effects: those Forwardings lose their result and go back to
    SUBMITTED (the periodic job lapses them again if their deadline is long past). Returns how
    many."""
    return Forwarding.objects.filter(result=adoption).update(
        result=None, state=ForwardingState.SUBMITTED
    )


def update_forwarding(
    *, forwarding: Forwarding, meeting: str, deadline: date | None, state: str
) -> Forwarding:
    """What the moderator or organiser learnt of a submission: the parent's meeting or
    conference, its deadline for motions, and its state. Side effects: the Forwarding saved.
    Refused (ValidationError, nothing saved) when the text is bad, or when it would wait again
    (SUBMITTED) while holding a result: that report is the answer, so it stays HEARD."""
    check_state(forwarding=forwarding, state=state)
    forwarding.meeting = " ".join(meeting.split())
    forwarding.deadline = deadline
    forwarding.state = state
    forwarding.full_clean()
    forwarding.save(update_fields=["meeting", "deadline", "state"])
    return forwarding


def check_state(*, forwarding: Forwarding, state: str) -> None:
    """Refuse (ValidationError on "state") a state that contradicts a linked result: the
    parent's report answered the submission, so it was heard."""
    if state != ForwardingState.HEARD and forwarding.result_id is not None:
        raise ValidationError(
            {
                "state": _(
                    "The parent body's report of the motion is linked: this forwarding was heard."
                )
            }
        )


def lapse_overdue(*, today: date | None = None) -> int:
    """Submissions with no result FORWARDING_LAPSE_DAYS after their deadline are marked LAPSED
    (the periodic job; safe to run any number of times). A submission without a deadline never
    lapses. Side effects: those Forwardings' state. Returns how many."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.FORWARDING_LAPSE_DAYS)
    lapsed = Forwarding.objects.filter(
        Q(state=ForwardingState.SUBMITTED) & Q(result__isnull=True) & Q(deadline__lt=cutoff)
    ).update(state=ForwardingState.LAPSED)
    if lapsed:
        logger.info("%d forwardings lapsed (deadline before %s)", lapsed, cutoff)
    return lapsed
