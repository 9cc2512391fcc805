"""What the supporters add to the site (collected by ayni.core.registry)."""

from __future__ import annotations

from ayni.core.registry import Contribution, PeriodicJob

contribution = Contribution(
    periodic_jobs=(
        # Forms never confirmed, erased once their links are dead (ayni.supporters.retention):
        # hourly is plenty for an age counted in days.
        PeriodicJob(
            "supporters.erase_unconfirmed", "ayni.supporters.tasks.periodic_erase_unconfirmed", 3600
        ),
    ),
)
