from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A running worker says it is alive, so tasks claimed by a dead one can be run again."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=200, blank=True)
    pid = models.IntegerField(_("process"), default=0)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class PeriodicRun(models.Model):
    """When each periodic job last ran, shared by all workers so a job runs once per interval."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name


class SpentChallenge(models.Model):
    """A proof-of-work answer already used; kept until the challenge would have expired anyway."""

    challenge = models.CharField(max_length=128, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("used challenge")
        verbose_name_plural = _("used challenges")

    def __str__(self) -> str:
        return self.challenge[:16]
