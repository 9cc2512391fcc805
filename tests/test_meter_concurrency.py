"""Many requests at once against the newsroom's meter: one reader's parallel requests, and
fresh browsers from one connection, never read one metered article more than the meter
allows (ayni.newsroom.services.meter.record_meter_read checks again under a lock).

Real threads, each with its own database connection, through the test client, in this
process (tests/test_event_concurrency.py's shared database: PostgreSQL's test database, or a
fresh SQLite file with the write lock taken at BEGIN, as a running server's processes do).
"""

from __future__ import annotations

import pytest
from django.test import Client

from ayni.newsroom.meter import COOKIE
from ayni.newsroom.models import MeterAddressRead, MeterRead, MeterReader
from ayni.newsroom.tests.factories import published
from ayni.newsroom.tests.test_meter import GATED, IP, meter
from tests.test_event_concurrency import all_at_once, in_thread, shared_database

__all__ = ["meter"]  # the meter's settings (3 free articles), for every test here


def whole(path: str, cookie: str = "") -> bool:
    browser = Client()
    if cookie:
        browser.cookies[COOKIE] = cookie
    response = browser.get(path, REMOTE_ADDR=IP)
    assert response.status_code == 200
    return GATED in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_one_readers_parallel_requests_read_no_more_than_their_allowance(tmp_path):
    # Before: each request checked the count, then counted, so a burst of requests with one
    # cookie for different articles all saw the same count and all read on.
    with shared_database(tmp_path):

        def arrange() -> tuple[str, list[str]]:
            first, *others = [published(visibility="metered").get_absolute_url() for _ in range(13)]
            browser = Client()
            browser.get(first, REMOTE_ADDR=IP)
            return browser.cookies[COOKIE].value, others

        cookie, paths = in_thread(arrange)
        pages = all_at_once(lambda path: whole(path, cookie), paths)
        reads = in_thread(MeterRead.objects.count)

    assert sum(pages) == 2
    assert reads == 3


@pytest.mark.django_db(transaction=True)
def test_fresh_browsers_at_once_from_one_connection_start_no_more_counts_than_its_ceiling(
    tmp_path, settings
):
    settings.NEWS_METER_IP_CEILING = 4
    with shared_database(tmp_path):
        path = in_thread(lambda: published(visibility="metered").get_absolute_url())
        pages = all_at_once(lambda _n: whole(path), list(range(12)))
        readers, by_address = in_thread(
            lambda: (MeterReader.objects.count(), MeterAddressRead.objects.count())
        )

    assert sum(pages) == readers == 4
    assert by_address == 1
