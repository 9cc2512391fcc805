"""The meter's count, kept on the server: a reader (a browser, named by a signed cookie, or a
member), the metered articles it opened, and the articles opened from each keyed IP hash.

Every row is kept no longer than the meter's window (NEWS_METER_WINDOW_DAYS): the periodic job
`newsroom.purge_meter` deletes the older ones.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ayni.newsroom.models.article import Article


class MeterReader(models.Model):
    """One reader as the meter counts them. A browser's reader is created with its first
    metered article; its random id is all the cookie holds (signed), its IP hash what it was
    made from. A member's reader carries
    their id; when a browser's reader signs in as a member, its reads move to the member's
    reader and it points there (`merged_into`), so its cookie keeps counting for them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The member's id (ayni.members). A plain id, not a foreign key: apps meet only through
    # each other's services and selectors, never through each other's tables.
    member_id = models.PositiveBigIntegerField(_("member"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        # Purged with the reader it was merged into (neither has reads left in the window).
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # A browser's reader: the keyed IP hash it was made from (never the address itself), so a
    # connection starts no more fresh counts in the window than NEWS_METER_IP_CEILING.
    ip_hash = models.CharField(_("IP hash"), max_length=32, blank=True, default="")

    class Meta:
        verbose_name = _("meter reader")
        # The meter's own bookkeeping: no role sees or changes it in the back office.
        default_permissions = ()
        verbose_name_plural = _("meter readers")
        constraints = [
            # A member has one count, whichever browsers they read on.
            models.UniqueConstraint(
                fields=["member_id"],
                condition=models.Q(member_id__isnull=False),
                name="newsroom_meterreader_one_per_member",
            ),
        ]
        indexes = [
            # The fresh counts made from an IP hash in the window.
            models.Index(fields=["ip_hash", "created_at"], name="newsroom_meterreader_ip_at"),
        ]

    def __str__(self) -> str:
        return str(self.id)


class CountedRead(models.Model):
    """A metered article opened, when it was first opened in the window it counts in. The
    article is the original of a translated one, so its languages count once."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("read at"))

    class Meta:
        abstract = True


class MeterRead(CountedRead):
    """A metered article a reader opened."""

    reader = models.ForeignKey(MeterReader, on_delete=models.CASCADE, related_name="reads")

    class Meta:
        verbose_name = _("meter read")
        # The meter's own bookkeeping: no role sees or changes it in the back office.
        default_permissions = ()
        verbose_name_plural = _("meter reads")
        constraints = [
            # Opening the same article again costs nothing: one row per reader and article.
            models.UniqueConstraint(
                fields=["reader", "article"], name="newsroom_meterread_once_per_article"
            ),
        ]
        indexes = [
            # The purge: the reads older than the window.
            models.Index(fields=["read_at"], name="newsroom_meterread_read_at"),
        ]

    def __str__(self) -> str:
        return f"{self.reader_id} · {self.article_id}"


class MeterAddressRead(CountedRead):
    """A metered article opened from a keyed IP hash (never the address itself)."""

    ip_hash = models.CharField(_("IP hash"), max_length=32)

    class Meta:
        verbose_name = _("meter read by address")
        # The meter's own bookkeeping: no role sees or changes it in the back office.
        default_permissions = ()
        verbose_name_plural = _("meter reads by address")
        constraints = [
            # Distinct articles per hash, as for a reader.
            models.UniqueConstraint(
                fields=["ip_hash", "article"], name="newsroom_meteraddressread_once_per_article"
            ),
        ]
        indexes = [
            models.Index(fields=["read_at"], name="newsroom_meteraddressread_at"),
        ]

    def __str__(self) -> str:
        return f"{self.ip_hash} · {self.article_id}"
