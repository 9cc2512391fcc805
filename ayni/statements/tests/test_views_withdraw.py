"""views.signature_withdraw: the page behind the emailed withdraw link, and its button."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from ayni.statements.enums import SignatureStatus
from ayni.statements.models import Signature, StatementTally
from ayni.statements.services import roll_up_counts
from ayni.statements.tests.helpers import SUZIE_SAMPLER, confirm_link, link, sign_as_ana, sign_with
from ayni.supporters.models import Consent
from tests.factories import StatementFactory
from tests.fixtures import text_body

pytestmark = pytest.mark.django_db


def test_withdraw_link_takes_signature_off_the_count(client, mailbox, run_tasks):
    statement = StatementFactory()
    sign_as_ana(client, statement)
    run_tasks()
    path = confirm_link(mailbox.messages[0]).split("127.0.0.1:8000", 1)[1]
    client.post(path)
    roll_up_counts()
    withdraw = (
        re.search(r"http://\S+/withdraw/\S+/", text_body(mailbox.messages[0]))
        .group(0)
        .split("127.0.0.1:8000", 1)[1]
    )

    assert client.get(withdraw).status_code == 200
    response = client.post(withdraw)
    roll_up_counts()

    assert "has been withdrawn" in response.content.decode()
    assert Signature.objects.get().status == SignatureStatus.WITHDRAWN
    assert StatementTally.objects.get(statement=statement).total == 0
    assert not Consent.objects.filter(withdrawn_at__isnull=True).exists()


def test_withdraw_links_live_longer_than_confirmation_links(client, mailbox, run_tasks, settings):
    settings.SIGNATURE_CONFIRM_DAYS, settings.SIGNATURE_LINK_DAYS = 7, 30
    statement = StatementFactory()
    sign_with(client, statement, SUZIE_SAMPLER)
    run_tasks()
    client.post(link(mailbox.messages[0], "confirm"))
    withdraw = link(mailbox.messages[0], "withdraw")

    with mock.patch(
        "django.core.signing.time.time",
        return_value=(timezone.now() + timedelta(days=20)).timestamp(),
    ):
        assert client.post(withdraw).status_code == 200
    assert Signature.objects.get().status == SignatureStatus.WITHDRAWN
    with mock.patch(
        "django.core.signing.time.time",
        return_value=(timezone.now() + timedelta(days=31)).timestamp(),
    ):
        assert client.get(withdraw).status_code == 410
