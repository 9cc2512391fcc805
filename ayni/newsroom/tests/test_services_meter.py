"""The meter's writes (services/meter.py): a read counted once per article and window, the
merge of a browser's count into a member's, and the purge of what is older than the window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.newsroom import tasks
from ayni.newsroom.models import MeterAddressRead, MeterRead, MeterReader
from ayni.newsroom.services import meter
from ayni.newsroom.tests.factories import published

pytestmark = pytest.mark.django_db

HASH = "0123456789abcdef0123456789abcdef"


def record(
    reader,
    article,
    *,
    ago: timedelta = timedelta(0),
    member_id=None,
    ip_hash=HASH,
    allowance: int = 100,
    ceiling: int | None = None,
):
    return meter.record_meter_read(
        reader=reader,
        member_id=member_id,
        article_id=article.pk,
        ip_hash=ip_hash,
        now=timezone.now() - ago,
        since=timezone.now() - timedelta(days=30),
        allowance=allowance,
        ceiling=ceiling,
    )


def test_a_read_from_a_past_window_moves_to_now_rather_than_adding_a_row():
    article = published()
    reader = record(None, article, ago=timedelta(days=40))

    record(reader, article)

    row = MeterRead.objects.get()
    assert timezone.now() - row.read_at < timedelta(minutes=1)
    assert MeterAddressRead.objects.get().read_at == row.read_at


def test_a_reader_at_their_allowance_is_refused_and_nothing_is_stored():
    first, second = published(), published()
    reader = record(None, first, allowance=1)

    assert record(reader, second, allowance=1) is None
    assert record(reader, first, allowance=1) == reader  # already counted: free again
    assert list(MeterRead.objects.values_list("article_id", flat=True)) == [first.pk]
    assert MeterAddressRead.objects.count() == 1


def test_a_new_browser_from_an_ip_hash_at_its_ceiling_is_refused_and_nothing_is_stored():
    first, second = published(), published()
    record(None, first, ceiling=2)
    record(None, first, ceiling=2)  # a second fresh count from the hash, the same article

    assert record(None, second, ceiling=2) is None
    assert record(None, second, ceiling=2, ip_hash="f" * 32) is not None
    assert MeterReader.objects.filter(ip_hash=HASH).count() == 2
    assert MeterAddressRead.objects.filter(ip_hash=HASH).count() == 1


def test_a_members_first_read_makes_their_reader():
    reader = record(None, published(), member_id=42)

    assert reader.member_id == 42
    assert record(None, published(), member_id=42) == reader


def test_merging_keeps_an_article_both_read_once_at_the_later_read():
    shared, other = published(), published()
    browser = record(None, shared, ago=timedelta(days=1))
    record(browser, other)
    member = record(None, shared, ago=timedelta(days=20), member_id=42)

    target = meter.merge_meter_reader(reader_id=browser.pk, member_id=42)

    assert target == member
    reads = dict(member.reads.values_list("article_id", "read_at"))
    assert set(reads) == {shared.pk, other.pk}
    assert timezone.now() - reads[shared.pk] < timedelta(days=2)
    browser.refresh_from_db()
    assert browser.merged_into == member


def test_a_browser_merged_before_points_to_the_next_member_without_moving_their_reads():
    article = published()
    browser = record(None, article)
    first = meter.merge_meter_reader(reader_id=browser.pk, member_id=1)

    second = meter.merge_meter_reader(reader_id=browser.pk, member_id=2)

    assert list(first.reads.values_list("article_id", flat=True)) == [article.pk]
    assert second.reads.count() == 0
    browser.refresh_from_db()
    assert browser.merged_into == second


def test_merging_a_purged_or_unknown_reader_does_nothing():
    import uuid

    assert meter.merge_meter_reader(reader_id=uuid.uuid4(), member_id=42) is None
    assert MeterReader.objects.count() == 0


def test_the_purge_deletes_what_is_older_than_the_window_and_empty_readers(settings):
    settings.NEWS_METER_WINDOW_DAYS = 30
    old_article, new_article = published(), published()
    stale = record(None, old_article, ago=timedelta(days=31), ip_hash="a" * 32)
    MeterReader.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = record(None, new_article)
    merged = record(None, old_article, ago=timedelta(days=31))
    MeterReader.objects.filter(pk=merged.pk).update(created_at=timezone.now() - timedelta(days=40))
    target = meter.merge_meter_reader(reader_id=merged.pk, member_id=42)
    record(target, new_article)

    deleted = tasks.periodic_purge_meter()

    assert set(MeterReader.objects.values_list("pk", flat=True)) == {
        recent.pk,
        merged.pk,
        target.pk,
    }
    assert MeterAddressRead.objects.filter(ip_hash="a" * 32).count() == 0
    assert MeterRead.objects.filter(read_at__lt=timezone.now() - timedelta(days=30)).count() == 0
    assert deleted == 5  # two old reads, two old reads by IP hash, the stale reader
