"""The motions' demo: seeded through the services (reports confirmed, moderated and
forwarded as in life), with the numbers the motion page's roll-up then shows, no mail for its
fictional reporters, and nothing added by a second run."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
from django.apps import apps
from django.db.models import Sum
from django.utils import translation

from ayni.core import registry
from ayni.motions import demo
from ayni.motions.demo import bolivia
from ayni.motions.enums import ADOPTED, AdoptionStatus, ForwardingState, Level
from ayni.motions.models import Adoption, AdoptionEmail, Commitment, Forwarding, Motion
from ayni.motions.rollup import motion_rollup
from ayni.motions.tests.factories import url_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    lines = demo.seed_demo()
    return Motion.objects.get(slug=bolivia.SLUG), lines


def _counted(motion):
    return Adoption.objects.filter(
        motion=motion, status=AdoptionStatus.VERIFIED, outcome__in=ADOPTED
    )


def test_demo_is_declared_to_the_site():
    assert demo.seed_demo in registry.demo_seeders()


def test_demo_motion_is_published_featured_and_bilingual(seeded):
    motion, lines = seeded
    assert lines == [
        f"Loaded the demo motion: {motion.get_absolute_url()} "
        "(42 verified reports, 4 waiting for a moderator)"
    ]
    assert (motion.state, motion.featured) == ("published", True)
    version = motion.versions.get()
    assert version.published_at is not None
    for language in ("en", "es"):
        assert [len(p) for _s, p in version.sections(language)] == [4, 5, 5]
    assert motion.commitment_kinds == [
        "affiliate",
        "donate",
        "invite_speaker",
        "write_representative",
        "forward",
    ]


def test_demo_roll_up_numbers(seeded):
    motion, _lines = seeded
    counted = _counted(motion)
    assert counted.count() == 38
    assert counted.values("body").distinct().count() == 38
    assert counted.values("body__organisation").distinct().count() == 4
    assert set(counted.values_list("body__country", flat=True)) == {"GB", "ES"}
    per_level = Counter(counted.values_list("body__organisation__code", "body__level"))
    assert per_level == {
        ("unison", Level.BRANCH): 11,
        ("unison", Level.REGION): 1,
        ("unite", Level.BRANCH): 10,
        ("unite", Level.REGION): 1,
        ("labour", Level.BRANCH): 6,
        ("labour", Level.DISTRICT): 1,
        ("ccoo", Level.BRANCH): 7,
        ("ccoo", Level.REGION): 1,
    }
    assert counted.filter(outcome="amended").count() == 7
    statuses = Counter(Adoption.objects.filter(motion=motion).values_list("status", flat=True))
    assert statuses == {"verified": 42, "submitted": 4, "rejected": 1}
    commitments = Commitment.objects.filter(adoption__in=counted)
    assert Counter(commitments.values_list("kind", flat=True)) == {
        "affiliate": 23,
        "donate": 16,
        "write_representative": 5,
        "invite_speaker": 3,
        "forward": 3,
    }
    pledged = dict(
        commitments.filter(kind="donate")
        .values_list("currency")
        .annotate(total=Sum("amount"))
        .order_by("currency")
    )
    assert pledged == {"EUR": Decimal("400"), "GBP": Decimal("2345")}


def test_demo_motion_page_shows_the_roll_up(seeded, client):
    motion, _lines = seeded
    rollup = motion_rollup(motion)
    assert (rollup.bodies, rollup.organisations, rollup.countries) == (38, 4, 2)
    with translation.override("en"):
        assert rollup.commitment_parts() == [
            "23 affiliations",
            "16 donations",
            "3 speakers invited",
            "3 forwarded to the next level",
            "5 letters to elected representatives",
            "€400 pledged",
            "£2,345 pledged",
        ]
    levels = {o.name: (o.adopted, o.submitted) for o in rollup.per_organisation}
    assert levels["UNISON"] == (
        {Level.REGION: 1, Level.BRANCH: 11},
        {Level.REGION: 5, Level.NATIONAL: 1},
    )
    assert levels["Labour"] == (
        {Level.DISTRICT: 1, Level.BRANCH: 6},
        {Level.DISTRICT: 3, Level.REGION: 1},
    )
    [chain] = rollup.chains
    assert [(step.body, step.outcome or step.state) for step in chain.steps] == [
        ("Leeds Health Branch", "passed"),
        ("UNISON Yorkshire & Humberside Region", "passed"),
        ("UNISON National Delegate Conference", "submitted"),
    ]
    for language in ("en", "es"):
        page = client.get(url_in(language, "motions:detail", slug=motion.slug))
        assert page.status_code == 200
        lead = re.search(r'class="rollup-lead">([^<]*)', page.content.decode())
        assert lead is not None
        assert re.findall(r"\d+", lead.group(1))[0] == "38", lead.group(1)


def test_demo_chain_reaches_national_conference(seeded):
    motion, _lines = seeded
    national = Forwarding.objects.get(adoption__motion=motion, to_body__level=Level.NATIONAL)
    assert national.to_body.name == "UNISON National Delegate Conference"
    assert national.state == ForwardingState.SUBMITTED
    assert national.meeting == "UNISON National Delegate Conference"
    assert national.deadline is not None
    region = national.adoption
    assert region.body.name == "UNISON Yorkshire & Humberside Region"
    answered = Forwarding.objects.filter(result=region).order_by("adoption__meeting_date")
    assert [f.adoption.body.name for f in answered] == [
        "Leeds Health Branch",
        "Wakefield Local Government Branch",
        "York Education Branch",
        "Calderdale Community Branch",
    ]
    heard = Counter(
        Forwarding.objects.filter(adoption__motion=motion).values_list("to_body__level", "state")
    )
    assert heard[(Level.REGION, ForwardingState.HEARD)] == 8
    assert heard[(Level.DISTRICT, ForwardingState.HEARD)] == 2


def test_demo_reporters_are_fictional_and_never_emailed(seeded, mailbox):
    motion, _lines = seeded
    reports = Adoption.objects.filter(motion=motion)
    assert all(e.endswith("@example.org") for e in reports.values_list("reporter_email", flat=True))
    emails = AdoptionEmail.objects.filter(adoption__motion=motion)
    assert emails.exists()
    assert not emails.exclude(email_due="").exists()
    assert not emails.filter(emailed_at__isnull=True).exists()
    assert mailbox.messages == []
    # Each report made after its meeting, moderated after it was confirmed.
    for report in reports.filter(status=AdoptionStatus.VERIFIED):
        assert report.meeting_date < report.created_at.date()
        assert report.created_at < report.confirmed_at < report.verified_at


def test_demo_second_run_adds_nothing(seeded):
    def counts():
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()}

    before = counts()
    assert demo.seed_demo() == []
    assert counts() == before
