"""supporters/retention.py: forms never confirmed are erased once their links are dead, a page
at a time, with the Supporter nothing else holds. Shown with the test-only second action
(tests/pledges), which plugs in by declaring its forms as the real apps do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.core import registry
from ayni.core.registry import UnconfirmedForms
from ayni.core.worker import run_periodic_jobs
from ayni.supporters.models import Consent, Supporter, Tag
from ayni.supporters.retention import Erased, erase_unconfirmed
from ayni.supporters.services import record_consents, upsert_supporter
from tests.factories import SignatureFactory
from tests.pledges.models import Pledge
from tests.pledges.services import confirm_pledge, make_pledge

pytestmark = pytest.mark.django_db


def days_on(days: float):
    return timezone.now() + timedelta(days=days)


def pledge(email: str = "ana@example.org") -> Pledge:
    return make_pledge(name="Ana Sample", email=email, language="en", wants_updates=False)


def pledges_left() -> list[str]:
    return list(Pledge.objects.order_by("pk").values_list("email", flat=True))


def test_every_app_declares_its_forms_and_one_hourly_job_erases_them_all():
    names = [forms.name for forms in registry.unconfirmed_forms()]
    (job,) = [job for job in registry.periodic_jobs() if job.name == "supporters.erase_unconfirmed"]

    assert names == [
        "signatures",
        "event registrations",
        "adoption reports",
        "news subscriptions",
        "sign-in links",
        "pledges",
    ]
    assert job.seconds() == 3600
    assert "supporters.erase_unconfirmed" in run_periodic_jobs(force=True)


def test_a_form_is_erased_a_retention_period_after_its_link_and_a_confirmed_one_is_kept(settings):
    settings.UNCONFIRMED_RETENTION_DAYS = 31
    pledge("old@example.org")
    confirm_pledge(pledge("confirmed@example.org"))

    assert erase_unconfirmed(now=days_on(30.9))["pledges"] == 0
    assert pledges_left() == ["old@example.org", "confirmed@example.org"]

    erased = erase_unconfirmed(now=days_on(31.1))

    assert erased == {
        "signatures": 0,
        "event registrations": 0,
        "adoption reports": 0,
        "news subscriptions": 0,
        "sign-in links": 0,
        "pledges": 1,
    }
    assert pledges_left() == ["confirmed@example.org"]


def test_a_form_whose_link_went_out_late_is_kept_until_that_link_is_dead():
    late = pledge()
    # Made 40 days ago, its email went out only 20 days ago (the mail server was down).
    Pledge.objects.filter(pk=late.pk).update(
        created_at=days_on(-40), email_due_at=None, email_due="", emailed_at=days_on(-20)
    )

    assert erase_unconfirmed()["pledges"] == 0
    assert erase_unconfirmed(now=days_on(12))["pledges"] == 1


def test_a_form_whose_email_is_being_sent_is_kept():
    sending = pledge()
    Pledge.objects.filter(pk=sending.pk).update(email_claimed_at=timezone.now())

    assert erase_unconfirmed(now=days_on(60))["pledges"] == 0
    assert pledges_left() == ["ana@example.org"]


def test_each_run_erases_up_to_its_limit_a_page_at_a_time_and_the_next_takes_the_rest():
    for n in range(5):
        pledge(f"p{n}@example.org")

    assert erase_unconfirmed(now=days_on(40), page=2, limit=3)["pledges"] == 3
    assert pledges_left() == ["p3@example.org", "p4@example.org"]
    assert erase_unconfirmed(now=days_on(40), page=2, limit=3)["pledges"] == 2
    assert erase_unconfirmed(now=days_on(40), page=2, limit=3)["pledges"] == 0


kept_pages: list[list[int]] = []


def keep_every_form(*, ids: list[int], before) -> Erased:
    """An app's erasing service that finds every form confirmed meanwhile, and keeps it."""
    kept_pages.append(ids)
    return Erased(forms=0)


def test_forms_their_app_keeps_are_not_read_again_in_the_same_run(monkeypatch):
    """A form confirmed between the read and the lock is kept by its app's service: the run
    goes on after it rather than reading it again."""
    for n in range(5):
        pledge(f"p{n}@example.org")
    ids = list(Pledge.objects.order_by("pk").values_list("pk", flat=True))
    kept_pages.clear()
    forms = UnconfirmedForms(
        "pledges",
        select="tests.pledges.services.unconfirmed_pledges",
        erase=f"{__name__}.keep_every_form",
    )
    monkeypatch.setattr(registry, "unconfirmed_forms", lambda: [forms])

    assert erase_unconfirmed(now=days_on(40), page=2) == {"pledges": 0}
    assert kept_pages == [ids[:2], ids[2:4], ids[4:]]
    assert len(pledges_left()) == 5


def _supporter_of(form: Pledge) -> Supporter:
    """A Supporter the form names, with the consents an earlier confirmation left."""
    supporter = upsert_supporter(email=form.email, name=form.name)
    record_consents(supporter=supporter, purposes=["pledge"], language="en", source="pledge:1")
    Pledge.objects.filter(pk=form.pk).update(supporter=supporter)
    return supporter


def test_the_supporter_of_an_erased_form_goes_too_when_nothing_else_holds_them():
    supporter = _supporter_of(pledge())

    erase_unconfirmed(now=days_on(40))

    assert pledges_left() == []
    assert not Supporter.objects.filter(pk=supporter.pk).exists()
    assert not Consent.objects.filter(supporter_id=supporter.pk).exists()


def test_a_supporter_another_action_holds_is_kept_with_that_action():
    form = pledge()
    supporter = _supporter_of(form)
    signature = SignatureFactory(email=form.email, supporter=supporter)

    erase_unconfirmed(now=days_on(40))

    assert pledges_left() == []
    assert Supporter.objects.filter(pk=supporter.pk).exists()
    signature.refresh_from_db()
    assert (signature.supporter_id, signature.email) == (supporter.pk, "ana@example.org")
    assert Consent.objects.filter(supporter=supporter).count() == 1


def test_a_supporter_an_organiser_tagged_is_kept():
    supporter = _supporter_of(pledge())
    supporter.tags.add(Tag.objects.create(name="speaker"))

    erase_unconfirmed(now=days_on(40))

    assert pledges_left() == []
    assert Supporter.objects.filter(pk=supporter.pk).exists()
