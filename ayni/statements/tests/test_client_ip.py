"""Signing records the client's IP, behind our proxies, only as core's keyed hash."""

from __future__ import annotations

import ipaddress

import pytest
from django.urls import reverse

from ayni.core.clientip import hash_ip
from ayni.statements.models import Signature, Submission
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxies(settings):
    settings.TRUSTED_PROXIES = [
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.0.0.0/8"),
    ]


def test_signing_stores_the_hash_of_the_real_client(client, proxies):
    statement = StatementFactory()
    data = {
        "kind": "individual",
        "name": "Ana Sampleton",
        "email": "ana@example.org",
        "country": "BO",
    }
    url = reverse("statements:sign", kwargs={"slug": statement.slug})

    client.post(url, data, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1")

    stored = Submission.objects.get().ip_hash
    assert stored == hash_ip("198.51.100.1")
    assert "198.51.100.1" not in stored


def test_rate_limit_counts_ipv6_clients_of_one_64_together(
    client, proxies, settings, mailbox, run_tasks
):
    settings.SIGNATURE_BURST_LIMIT = 2
    statement = StatementFactory()
    url = reverse("statements:sign", kwargs={"slug": statement.slug})
    addresses = ["2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6:abcd::3", "2001:db8:5:7::1"]
    for n, address in enumerate(addresses):
        data = {
            "kind": "individual",
            "name": "Ana Sampleton",
            "country": "BO",
            "email": f"person{n}@example.org",
        }
        client.post(url, data, HTTP_X_FORWARDED_FOR=address)

    run_tasks()

    # The third address of the first /64 is over the limit; the next /64 is not.
    statuses = list(Signature.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["pending", "pending", "suspect", "pending"]
    assert sorted(m["To"] for m in mailbox.messages) == [
        "person0@example.org",
        "person1@example.org",
        "person3@example.org",
    ]
