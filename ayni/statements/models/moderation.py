"""What moderators do to signatures: blocks of addresses or domains, logged invalidations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ayni.statements.enums import BlockKind
from ayni.statements.models.statement import Statement


class Block(models.Model):
    """An address or a domain whose new signatures are held silently (one statement or all)."""

    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="blocks",
        verbose_name=_("statement"),
        help_text=_("Leave empty to block on every statement."),
    )
    kind = models.CharField(_("what"), max_length=8, choices=BlockKind.choices)
    value = models.CharField(
        _("address or domain"),
        max_length=254,
        help_text=_("An email address, or a domain (which also covers its subdomains)."),
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            # One block per address or domain and scope; a site-wide block has no statement,
            # and NULLs are distinct in a unique constraint, hence the two conditions.
            models.UniqueConstraint(
                fields=["statement", "kind", "value"],
                condition=Q(statement__isnull=False),
                name="block_unique_per_statement",
            ),
            models.UniqueConstraint(
                fields=["kind", "value"],
                condition=Q(statement__isnull=True),
                name="block_unique_site_wide",
            ),
        ]

    def __str__(self) -> str:
        return self.value


class Invalidation(models.Model):
    """A logged bulk invalidation: which condition, how many, who, why."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="invalidations")
    criteria = models.JSONField(_("condition"))
    affected = models.PositiveIntegerField(_("signatures invalidated"))
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invalidation")
        verbose_name_plural = _("invalidations")

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.affected} ({self.created_at:%Y-%m-%d})"
