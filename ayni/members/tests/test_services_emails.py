"""The members' emails through the outbox and a real SMTP server: a sign-in link used, or dead
before the worker got to it, is not sent; an email is sent once however often the worker
runs; the emails speak the reader's language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.members.models import SignInLink
from ayni.members.services.sign_in import request_sign_in, use_link
from ayni.members.services.subscriptions import subscribe
from ayni.members.tasks import periodic_dispatch_emails
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db


def test_a_used_or_dead_link_is_not_sent(mailbox, run_tasks):
    used = request_sign_in(email="used@example.org", language="en")
    use_link(used)
    dead = request_sign_in(email="dead@example.org", language="en")
    SignInLink.objects.filter(pk=dead.pk).update(created_at=timezone.now() - timedelta(hours=1))

    run_tasks()

    assert mailbox.messages == []
    assert SignInLink.objects.exclude(email_due="").count() == 0


def test_each_email_goes_once(mailbox, run_tasks):
    request_sign_in(email="rosa@example.org", language="en")
    run_tasks()
    periodic_dispatch_emails()
    run_tasks()
    assert len(mailbox.to("rosa@example.org")) == 1


def test_the_emails_speak_spanish_to_a_spanish_reader(mailbox, run_tasks):
    request_sign_in(email="rosa@example.org", language="es")
    subscribe(email="nina@example.org", name="Nina", language="es")
    run_tasks()

    [sign_in] = mailbox.to("rosa@example.org")
    [confirm] = mailbox.to("nina@example.org")
    assert sign_in["Subject"] == "Tu enlace para entrar"
    assert "/es/members/sign-in/" in text_body(sign_in)
    assert confirm["Subject"] == "Confirma tu suscripción"
    assert "/es/members/s/confirm/" in text_body(confirm)
