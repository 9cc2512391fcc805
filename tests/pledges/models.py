"""A pledge: one person's promise, confirmed by email. Everything but the fields is the
supporters' machinery (EmailOutbox)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from ayni.supporters.outbox import EmailOutbox, outbox_index


class Pledge(EmailOutbox):
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=8)
    wants_updates = models.BooleanField(default=False)
    ip_hash = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        app_label = "pledges"
        indexes = [
            outbox_index("pledge_email_outbox_idx"),
            # The per-IP rate limit (ayni.supporters.limits).
            models.Index(fields=["ip_hash", "created_at"], name="pledge_ip_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.email} #{self.pk}"
