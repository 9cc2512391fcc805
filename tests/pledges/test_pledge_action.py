"""A second supporter action, built only by declaring: its model, form, emails and what
confirming does. It reuses the supporters' outbox, signed links, emails and confirm page, and
touches nothing of statements."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from ayni.core.tasks import retry_span_seconds
from ayni.supporters import outbox
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.models import Consent, Supporter
from tests.fixtures import html_body, text_body
from tests.pledges import tokens
from tests.pledges.models import Pledge
from tests.pledges.tasks import dispatch_pledge_emails

pytestmark = pytest.mark.django_db
HERE = Path(__file__).resolve().parent


def url_in(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def pledge_and_send(client, mailbox, run_tasks, *, language="en", wants_updates=True):
    response = client.post(
        url_in(language, "pledges:pledge"),
        {"name": "Ana", "email": "ana@example.org", "wants_updates": wants_updates},
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.email_due == "confirm"
    assert dispatch_pledge_emails() == 1
    run_tasks()
    return pledge


def confirm_path(message) -> str:
    url = re.search(r"http://\S+/pledge/confirm/\S+/", text_body(message)).group(0)
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_pledge_is_due_then_sent_once_in_the_pledgers_language(client, mailbox, run_tasks):
    pledge = pledge_and_send(client, mailbox, run_tasks, language="es")

    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["To"] == "ana@example.org"
    assert message.get_content_type() == "multipart/alternative"
    assert "Para ver los datos que guardamos sobre ti:" in text_body(message)
    assert "Para que borremos tus datos:" in html_body(message)
    assert "/es/pledge/confirm/" in text_body(message)
    assert "/es/pledge/withdraw/" in text_body(message)
    assert "/my-data.json" in text_body(message)
    assert "/erase/" in text_body(message)
    pledge.refresh_from_db()
    assert (pledge.email_due, pledge.email_queued_at, pledge.emailed_at is not None) == (
        "",
        None,
        True,
    )
    # Dispatching and running again sends nothing more.
    assert dispatch_pledge_emails() == 0
    run_tasks()
    assert len(mailbox.messages) == 1


def test_pledge_confirm_get_shows_a_button_and_changes_nothing(client, mailbox, run_tasks):
    pledge_and_send(client, mailbox, run_tasks)

    page = client.get(confirm_path(mailbox.messages[0]))

    assert page.status_code == 200
    assert 'id="confirm-pledge"' in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    assert Pledge.objects.get().confirmed_at is None
    assert Supporter.objects.count() == 0


def test_pledge_confirm_post_confirms_once_and_records_consent(client, mailbox, run_tasks):
    pledge_and_send(client, mailbox, run_tasks)
    path = confirm_path(mailbox.messages[0])

    first = client.post(path)
    again = client.post(path)

    assert first.status_code == 302
    assert again.status_code == 302  # using the link twice is harmless
    pledge = Pledge.objects.get()
    assert pledge.confirmed_at is not None
    assert pledge.supporter == Supporter.objects.get(email_normalised="ana@example.org")
    consents = Consent.objects.order_by("pk")
    assert [(consent.purpose, consent.source) for consent in consents] == [
        ("pledge", f"pledge:{pledge.pk}"),
        (ConsentPurpose.CAMPAIGN_UPDATES, f"pledge:{pledge.pk}"),
    ]
    # The purpose the app declared (platform.py) is recorded word for word, with its version.
    assert (consents[0].text, consents[0].text_version) == (
        "I pledge to stand with the campaign.",
        "test-v1",
    )
    assert "unsubscribe" in consents[1].text
    # The GET of a used link goes where a confirmation goes, too.
    assert client.get(path).status_code == 302


def test_pledge_confirm_after_withdrawal_is_gone(client, mailbox, run_tasks):
    pledge = pledge_and_send(client, mailbox, run_tasks)
    client.post(url_in("en", "pledges:withdraw", token=tokens.WITHDRAW.make(pledge.pk)))

    page = client.post(confirm_path(mailbox.messages[0]))

    assert page.status_code == 410
    assert 'data-reason="gone"' in page.content.decode()
    assert Pledge.objects.get().confirmed_at is None


def test_pledge_expired_link_is_410(client, mailbox, run_tasks, settings, monkeypatch):
    pledge_and_send(client, mailbox, run_tasks)
    path = confirm_path(mailbox.messages[0])
    later = time.time() + settings.SIGNATURE_CONFIRM_DAYS * 86400 + 60
    monkeypatch.setattr(time, "time", lambda: later)

    page = client.post(path)

    assert page.status_code == 410
    assert 'data-reason="expired"' in page.content.decode()
    assert Pledge.objects.get().confirmed_at is None


def test_pledge_link_of_another_purpose_is_404(client, mailbox, run_tasks):
    pledge = pledge_and_send(client, mailbox, run_tasks)

    page = client.get(url_in("en", "pledges:confirm", token=tokens.WITHDRAW.make(pledge.pk)))

    assert page.status_code == 404


def test_pledges_touch_nothing_of_statements():
    mine = Path(__file__)
    files = [path for path in HERE.rglob("*") if path.is_file() and path != mine]
    sources = [path for path in files if path.suffix in (".py", ".html", ".txt")]

    naming = [path.name for path in sources if "statements" in path.read_text()]

    assert len(sources) > 10
    assert naming == []


def test_pledge_form_has_the_honeypot(client):
    page = client.get(url_in("en", "pledges:pledge"))

    assert 'name="website"' in page.content.decode()
    assert 'tabindex="-1"' in page.content.decode()


def test_pledge_answer_is_the_same_for_a_bot_a_new_and_a_repeat_address(client):
    pledge_url = url_in("en", "pledges:pledge")
    data = {"name": "Ana", "email": "ana@example.org"}

    new = client.post(pledge_url, data)
    repeat = client.post(pledge_url, data)
    bot = client.post(pledge_url, {**data, "email": "bot@example.org", "website": "spam"})

    assert [r.status_code for r in (new, repeat, bot)] == [302, 302, 302]
    assert new["Location"] == repeat["Location"] == bot["Location"]
    assert sorted(Pledge.objects.values_list("email", flat=True)) == ["ana@example.org"] * 2


def test_pledges_over_the_ip_limit_are_held_in_the_background(client, mailbox, run_tasks, settings):
    settings.SIGNATURE_BURST_LIMIT = 2
    for n in range(3):
        client.post(url_in("en", "pledges:pledge"), {"name": "Ana", "email": f"a{n}@example.org"})

    assert Pledge.objects.count() == 3  # the requests all got the same answer
    assert dispatch_pledge_emails() == 3
    run_tasks()

    assert sorted(m["To"] for m in mailbox.messages) == ["a0@example.org", "a1@example.org"]
    assert Pledge.objects.filter(email_due="").count() == 3
    assert Pledge.objects.get(email="a2@example.org").emailed_at is None


def test_pledge_sweep_queues_again_what_its_task_gave_up_on(mailbox, run_tasks):
    long_ago = timezone.now() - timedelta(seconds=retry_span_seconds() + 601)
    stuck = Pledge.objects.create(
        name="Ana",
        email="ana@example.org",
        language="en",
        email_due="confirm",
        email_due_at=long_ago,
        email_queued_at=long_ago,
    )

    assert outbox.sweep_stuck(Pledge) == 1
    assert dispatch_pledge_emails() == 1
    run_tasks()

    assert [m["To"] for m in mailbox.messages] == ["ana@example.org"]
    stuck.refresh_from_db()
    assert stuck.emailed_at is not None


def test_pledge_erase_link_asks_then_erases(client, mailbox, run_tasks):
    pledge = pledge_and_send(client, mailbox, run_tasks)
    path = url_in("en", "pledges:erase", token=tokens.WITHDRAW.make(pledge.pk))

    asked = client.get(path)
    assert asked.status_code == 200
    assert Pledge.objects.count() == 1

    assert client.post(path).status_code == 302
    assert Pledge.objects.count() == 0
    assert client.post(path).status_code == 404  # the row it named is gone


def test_pledge_data_link_gives_the_pledgers_data_and_no_one_elses(client, mailbox, run_tasks):
    pledge = pledge_and_send(client, mailbox, run_tasks)

    mine = client.get(url_in("en", "pledges:data", token=tokens.WITHDRAW.make(pledge.pk)))
    forged = client.get(url_in("en", "pledges:data", token=tokens.CONFIRM.make(pledge.pk)))

    assert mine.json() == {"name": "Ana", "email": "ana@example.org"}
    assert forged.status_code == 404


def test_the_worker_finds_the_pledge_dispatcher_through_the_registry(client, mailbox):
    from ayni.core.registry import periodic_jobs
    from ayni.core.worker import run_periodic_jobs

    assert "pledges.dispatch_emails" in [job.name for job in periodic_jobs()]
    with translation.override("en"):
        client.post(reverse("pledges:pledge"), {"name": "Ana", "email": "ana@example.org"})
    ran = run_periodic_jobs(force=True)
    assert "pledges.dispatch_emails" in ran
    # Dispatched by the periodic job: the row is queued, nothing is due any more.
    assert dispatch_pledge_emails() == 0
    assert Pledge.objects.get().email_queued_at is not None


def test_a_declared_consent_purpose_is_a_choice_and_an_unknown_one_is_not():
    from ayni.supporters.consent import consent_text, purpose_choices

    assert ("pledge", "Pledge") in purpose_choices()
    assert consent_text("pledge").version == "test-v1"
    with pytest.raises(KeyError):
        consent_text("no-such-purpose")
