"""The roll-up kept until the verified reports change (rollup_cache), and the motion page kept
whole for a few seconds (core.page_cache): the same as the plain rendering, and a change to
what counts shows at once."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ayni.motions import rollup
from ayni.motions.enums import AdoptionStatus, CommitmentKind, ForwardingState, Level, Outcome
from ayni.motions.models import Adoption
from ayni.motions.tests.factories import (
    MotionFactory,
    commit,
    forward,
    publish_version,
    report,
    tree_body,
)
from ayni.motions.views.rollup import rollup_context, section_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def motion():
    motion = MotionFactory()
    publish_version(motion)
    national = tree_body("Conference", Level.NATIONAL)
    region = tree_body("North", Level.REGION, parent=national)
    leeds = tree_body("Leeds", Level.BRANCH, parent=region)
    adoption = report(motion, leeds, outcome=Outcome.AMENDED, amended_resolves="To strike.")
    commit(adoption, CommitmentKind.DONATE, "100", "GBP")
    forward(adoption, region)
    report(motion, region, outcome=Outcome.REJECTED)
    return motion


def plain_section(motion) -> str:
    return render_to_string(
        "motions/_rollup_section.html", section_context(motion, rollup.motion_rollup(motion))
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_kept_section_is_the_plain_one_and_costs_one_query(
    motion, language, django_assert_num_queries
):
    with translation.override(language):
        first = rollup_context(motion)
        with django_assert_num_queries(1):  # the stamp
            again = rollup_context(motion)
        plain = plain_section(motion)

    assert first["rollup_section"] == again["rollup_section"] == plain
    assert first["rollup"] == again["rollup"] == rollup.motion_rollup(motion)


def test_what_counts_changing_shows_at_once(motion):
    before = rollup_context(motion)
    assert before["rollup"].bodies == 1

    pending = report(motion, tree_body("Bristol", Level.BRANCH), status=AdoptionStatus.SUBMITTED)
    assert rollup_context(motion)["rollup"].bodies == 1  # not verified: the same stamp
    Adoption.objects.filter(pk=pending.pk).update(
        status=AdoptionStatus.VERIFIED, verified_at=timezone.now()
    )
    after = rollup_context(motion)
    assert after["rollup"].bodies == 2
    assert after["rollup_section"] == plain_section(motion)

    # A forwarding heard is a new stamp too.
    forwarding = Adoption.objects.get(body__name="Leeds").forwarding
    forwarding.state = ForwardingState.LAPSED
    forwarding.save()
    assert rollup_context(motion)["rollup"].per_organisation[0].submitted == {}


def test_the_motion_page_is_kept_whole_for_anonymous_readers_only(
    client, admin_client, motion, django_assert_num_queries
):
    address = reverse("motions:detail", kwargs={"slug": motion.slug})
    first = client.get(address).content

    with django_assert_num_queries(0):
        assert client.get(address).content == first

    report(motion, tree_body("Cardiff", Level.BRANCH), meeting_date=date(2027, 4, 1))
    cache.delete(f"page:motion:{motion.slug}:en")  # as when the few seconds are up
    assert "Adopted by 2 bodies" in client.get(address).content.decode()
    assert "Adopted by 2 bodies" in admin_client.get(address).content.decode()
