"""The motions' demo: the Bolivia solidarity model motion in English and Spanish, featured on
the home page; the bodies of Unite, UNISON, the Labour Party and CCOO; and a few dozen
fictional branches' reports of it, moderated, forwarded and rolled up. `seed_demo` is motions'
demo seeder (declared in platform.py and run by `manage.py seed_demo`); it seeds once (a
second run adds nothing).

Everything goes through the motions' own services, as life would: the motion is written as a
draft version and published (`save_draft_version`, `publish_motion`, `feature_motion`);
every report is made with the form's service and confirmed by its reporter (`report_adoption`,
`confirm_report`), then verified or rejected by the demo moderator (`verify_adoption`,
`reject_adoption`), which forwards it to the parent body and links the answers; UNISON's
national conference's meeting and deadline are filled in as a moderator would
(`update_forwarding`). Bodies are added as the back office and the import add them
(`add_body`: each with its tree path and region).

What a demo needs beyond life is then written directly (`_backdate`): the reports' times set
back to just after their meetings, and every email they made marked sent, so the fictional
example.org reporters get no mail, now or later, even with a real mail server.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ayni.core.demo import people
from ayni.motions.demo import bolivia, reports, tree
from ayni.motions.demo.reports import Plan
from ayni.motions.enums import AdoptionStatus, Level
from ayni.motions.models import (
    Adoption,
    AdoptionEmail,
    Body,
    Forwarding,
    Motion,
    MotionVersion,
    Organisation,
)
from ayni.motions.services.bodies import add_body
from ayni.motions.services.forwarding import update_forwarding
from ayni.motions.services.moderation import reject_adoption, verify_adoption
from ayni.motions.services.motions import feature_motion, publish_motion, save_draft_version
from ayni.motions.services.reporting import Pledge, confirm_report, report_adoption
from ayni.supporters import outbox

CURRENCY = {"GB": "GBP", "ES": "EUR"}
PUBLISHED_DAYS_AGO = 190


def seed_demo() -> list[str]:
    """motions' demo seeder: the demo motion and its reports once. Returns what to tell the
    operator."""
    if Motion.objects.filter(slug=bolivia.SLUG).exists():
        return []
    motion = seed_motion()
    verified = motion.adoptions.filter(status=AdoptionStatus.VERIFIED).count()
    waiting = motion.adoptions.filter(status=AdoptionStatus.SUBMITTED).count()
    return [
        f"Loaded the demo motion: {motion.get_absolute_url()} "
        f"({verified} verified reports, {waiting} waiting for a moderator)"
    ]


@transaction.atomic
def seed_motion(*, today: date | None = None) -> Motion:
    """The motion, published and featured, its bodies and its reports (the module's
    docstring)."""
    today = today or timezone.localdate()
    motion = Motion(**bolivia.MOTION)
    motion.full_clean()
    motion.save()
    save_draft_version(motion=motion, version=MotionVersion(**bolivia.VERSION))
    publish_motion(motion=motion)
    feature_motion(motion=motion)
    published = timezone.now() - timedelta(days=PUBLISHED_DAYS_AGO)
    Motion.objects.filter(pk=motion.pk).update(published_at=published)
    motion.versions.update(published_at=published, created_at=published)
    bodies = seed_bodies()
    moderator = get_user_model().objects.filter(username="moderator").first()
    rng = random.Random(bolivia.SLUG)  # noqa: S311 (demo data, not security)
    for index, plan in enumerate(sorted(reports.PLANS, key=lambda p: -p.days_ago)):
        _report(motion, bodies[plan.body], plan, index, today=today, rng=rng, by=moderator)
    national = Forwarding.objects.filter(
        adoption__motion=motion, to_body__level=Level.NATIONAL
    ).first()
    if national is not None:
        update_forwarding(
            forwarding=national,
            meeting=reports.NATIONAL_MEETING,
            deadline=today + timedelta(days=reports.NATIONAL_DEADLINE_DAYS),
            state=national.state,
        )
    motion.refresh_from_db()
    return motion


def seed_bodies() -> dict[str, Body]:
    """The organisations and their bodies (an existing one, by code, is kept). Returns the
    bodies by external code."""
    bodies: dict[str, Body] = {}
    for fields in tree.ORGANISATIONS:
        organisation = Organisation.objects.filter(code=fields["code"]).first()
        if organisation is None:
            organisation = Organisation(**fields)
            organisation.full_clean()
            organisation.save()
        for code, name, kind, level, parent in tree.BODIES[organisation.code]:
            known = Body.objects.filter(organisation=organisation, code=code).first()
            bodies[code] = known or add_body(
                organisation=organisation,
                parent=bodies.get(parent),
                code=code,
                name=name,
                kind=kind,
                level=level,
                country=organisation.country.code,
            )
    return bodies


def _report(
    motion: Motion,
    body: Body,
    plan: Plan,
    index: int,
    *,
    today: date,
    rng: random.Random,
    by: Any,
) -> Adoption:
    """One report made, confirmed and moderated as the plan says, then set back in time."""
    first, last = rng.choice(people.FIRST_NAMES), rng.choice(people.SURNAMES)
    votes_for, votes_against, votes_abstaining = plan.votes or (None, None, None)
    adoption = report_adoption(
        motion=motion,
        body=body,
        meeting_date=today - timedelta(days=plan.days_ago),
        outcome=plan.outcome,
        name=f"{first} {last}",
        email=f"{first}.{last}.motion{index}@example.org".lower(),
        language=plan.language,
        pledges=[_pledge(kind, body.country.code) for kind in plan.commitments],
        amended=_amended(plan),
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstaining=votes_abstaining,
    )
    confirm_report(adoption)
    if plan.status == AdoptionStatus.VERIFIED:
        adoption = verify_adoption(adoption=adoption, by=by)
    elif plan.status == AdoptionStatus.REJECTED:
        adoption = reject_adoption(adoption=adoption, by=by, reason=reports.REJECTION)
    _backdate(adoption, rng=rng)
    return adoption


def _pledge(spec: str, country: str) -> Pledge:
    kind, _sep, amount = spec.partition(":")
    if not amount:
        return Pledge(kind=kind)
    return Pledge(kind=kind, amount=Decimal(amount), currency=CURRENCY[country])


def _amended(plan: Plan) -> dict[str, str] | None:
    """The amended resolutions of the plan's amendment, in the reporter's language."""
    if not plan.amendment:
        return None
    spanish = plan.language == "es"
    resolves = bolivia.RESOLVES_ES if spanish else bolivia.RESOLVES_EN
    if plan.amendment == "twin":
        extra = bolivia.EXTRA_RESOLVES_ES if spanish else bolivia.EXTRA_RESOLVES_EN
        resolves = f"{resolves}\n\n{extra}"
    else:
        resolves = (
            resolves.replace("por la cantidad que acuerde la sección", "de 300 euros")
            if spanish
            else resolves.replace("at a sum the branch agrees", "of £250")
        )
    return {"resolves": resolves}


def _backdate(adoption: Adoption, *, rng: random.Random) -> None:
    """The report made the day after its meeting, confirmed within the hour, moderated a
    few days later; each of its emails marked sent when it was made, none due."""
    meeting = datetime.combine(adoption.meeting_date, time(19, 0), tzinfo=UTC)
    created = meeting + timedelta(days=1, minutes=rng.randint(0, 600))
    confirmed = created + timedelta(minutes=rng.randint(2, 60))
    moderated = confirmed + timedelta(days=rng.randint(1, 4))
    times: dict[str, Any] = {"created_at": created, "confirmed_at": confirmed}
    if adoption.status == AdoptionStatus.VERIFIED:
        times["verified_at"] = moderated
    Adoption.objects.filter(pk=adoption.pk).update(**times)
    emails = AdoptionEmail.objects.filter(adoption=adoption)
    outbox.cancel_due(emails)
    emails.update(created_at=confirmed, emailed_at=confirmed)
    Forwarding.objects.filter(adoption=adoption).update(created_at=moderated)
