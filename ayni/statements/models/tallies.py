"""The rolled-up counts the pages read, and what the nightly reconciliation corrected."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ayni.statements.models.statement import Statement


class StatementTally(models.Model):
    """Rolled-up totals for one statement; written only by the roll-up job.

    Both figures are positive integer fields, so the database refuses a value below zero.
    """

    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, related_name="tally", primary_key=True
    )
    total = models.PositiveIntegerField(_("confirmed signatures"), default=0)
    organisations = models.PositiveIntegerField(_("organisations"), default=0)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.total}"


class CountryTally(models.Model):
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="country_tallies"
    )
    country = CountryField(_("country"))
    count = models.IntegerField(_("signatures"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "country"], name="country_tally_unique"),
            # A count below zero is an impossible state: the roll-up sets aside a row that would
            # cause one rather than write it, and the database refuses it should anything try.
            models.CheckConstraint(condition=Q(count__gte=0), name="country_tally_not_negative"),
        ]
        ordering = ["-count"]

    def __str__(self) -> str:
        return f"{self.country}: {self.count}"


class DayTally(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="day_tallies")
    day = models.DateField(_("day"))
    count = models.IntegerField(_("signatures"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "day"], name="day_tally_unique"),
            # As for CountryTally: never below zero.
            models.CheckConstraint(condition=Q(count__gte=0), name="day_tally_not_negative"),
        ]
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"


class CountDrift(models.Model):
    """What the nightly reconciliation found different from COUNT(*) and corrected."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="drifts")
    scope = models.CharField(_("what"), max_length=40)
    expected = models.IntegerField(_("counted rows"))
    found = models.IntegerField(_("tally before correction"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("count correction")
        verbose_name_plural = _("count corrections")

    def __str__(self) -> str:
        return f"{self.statement_id} {self.scope}: {self.found} → {self.expected}"
