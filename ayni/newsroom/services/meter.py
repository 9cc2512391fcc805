"""The meter's writes: a metered article opened, a browser's count merged into a member's when
they sign in, and the rows older than the window deleted. ayni.newsroom.meter decides who may
read what; this only records it."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef

from ayni.core.locks import key_lock
from ayni.newsroom import selectors
from ayni.newsroom.models import MeterAddressRead, MeterRead, MeterReader


def record_meter_read(
    *,
    reader: MeterReader | None,
    member_id: int | None,
    article_id: int,
    ip_hash: str,
    now: datetime,
    since: datetime,
    allowance: int,
    ceiling: int | None,
) -> MeterReader | None:
    """Count a metered article (its original) `reader` opens, not yet counted in this window
    (since `since`), if the reader is still within `allowance` and, for a browser the meter
    does not know (`ceiling` given), its IP hash is still under `ceiling` (articles opened,
    counts started). Checked again under a lock on the reader (or, for a new one, on the IP
    hash), so parallel requests of one reader or one connection count one after the other and
    never let one more through.

    Side effects: a reader is created when there is none (a browser's first metered article:
    then with `ip_hash`; or a member's: then with their id); its read of the article is
    stored at `now` (an older one, from a past window, moved to now); so is the read from
    `ip_hash`. Returns the reader, or None when the article is not to be read (nothing
    stored)."""
    with transaction.atomic():
        if reader is None and member_id is not None:
            reader, _created = MeterReader.objects.get_or_create(member_id=member_id)
        if reader is not None:
            MeterReader.objects.select_for_update().filter(pk=reader.pk).first()
            read = selectors.meter_reads(reader, since)
            if article_id not in read and len(read) >= allowance:
                return None
        else:
            if ceiling is not None:
                key_lock(f"newsroom.meter:{ip_hash}")
                if selectors.address_past_ceiling(ip_hash, since, ceiling):
                    return None
            reader = MeterReader.objects.create(ip_hash=ip_hash)
        # One statement each: a new row, or the one from a past window moved to now.
        MeterRead.objects.bulk_create(
            [MeterRead(reader=reader, article_id=article_id, read_at=now)],
            update_conflicts=True,
            unique_fields=["reader", "article"],
            update_fields=["read_at"],
        )
        MeterAddressRead.objects.bulk_create(
            [MeterAddressRead(ip_hash=ip_hash, article_id=article_id, read_at=now)],
            update_conflicts=True,
            unique_fields=["ip_hash", "article"],
            update_fields=["read_at"],
        )
    return reader


def merge_meter_reader(*, reader_id: uuid.UUID, member_id: int) -> MeterReader | None:
    """A browser's reader signs in as member `member_id`: its count becomes theirs.

    Side effects: the member's reader is created if they have none; the browser reader's reads
    move to it (an article both read is kept once, at the later read); the browser reader then
    points to it (`merged_into`), so its cookie keeps counting for the member after signing
    out. A browser already merged into someone else's count now points to this member's,
    without taking the other's reads along. Returns the member's reader, or None when the
    browser's reader is gone (purged)."""
    with transaction.atomic():
        browser = MeterReader.objects.select_for_update().filter(pk=reader_id).first()
        if browser is None or browser.member_id is not None:
            return None
        target, _created = MeterReader.objects.get_or_create(member_id=member_id)
        if browser.merged_into_id is None:
            theirs = {read.article_id: read for read in target.reads.all()}
            for read in browser.reads.filter(article_id__in=theirs):
                kept = theirs[read.article_id]
                if read.read_at > kept.read_at:
                    MeterRead.objects.filter(pk=kept.pk).update(read_at=read.read_at)
            browser.reads.filter(article_id__in=theirs).delete()
            browser.reads.update(reader=target)
        browser.merged_into = target
        browser.save(update_fields=["merged_into"])
    return target


def purge_meter(*, before: datetime) -> int:
    """Delete what the meter holds from before `before` (the window's start).

    Side effects: reads and reads by IP hash older than that deleted; so are readers made
    before it with no read left (a browser merged into a member's count stays while that count
    has reads, and goes with it). Returns how many rows were deleted."""
    deleted = MeterRead.objects.filter(read_at__lt=before).delete()[0]
    deleted += MeterAddressRead.objects.filter(read_at__lt=before).delete()[0]
    has_reads = Exists(MeterRead.objects.filter(reader=OuterRef("pk")))
    target_has_reads = Exists(MeterRead.objects.filter(reader=OuterRef("merged_into")))
    empty = (
        MeterReader.objects.filter(created_at__lt=before)
        .exclude(has_reads)
        .exclude(target_has_reads)
    )
    deleted += MeterReader.objects.filter(pk__in=list(empty.values_list("pk", flat=True))).delete()[
        0
    ]
    return deleted
