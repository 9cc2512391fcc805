"""What the test-only second action adds to the site: its email dispatcher, a periodic job."""

from __future__ import annotations

from ayni.core.registry import Contribution, PeriodicJob

contribution = Contribution(
    periodic_jobs=(
        PeriodicJob(
            "pledges.dispatch_emails",
            "tests.pledges.tasks.dispatch_pledge_emails",
            "EMAIL_DISPATCH_INTERVAL",
            feeds_queue=True,
        ),
    ),
)
