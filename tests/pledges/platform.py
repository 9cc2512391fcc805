"""What the test-only second action adds to the site: its email dispatcher, a periodic job,
the consent text of its own purpose, and its forms never confirmed (erased by the supporters'
retention job)."""

from __future__ import annotations

from ayni.core.registry import Contribution, PeriodicJob, UnconfirmedForms
from tests.pledges.tokens import PLEDGE_CONSENT

contribution = Contribution(
    periodic_jobs=(
        PeriodicJob(
            "pledges.dispatch_emails",
            "tests.pledges.tasks.dispatch_pledge_emails",
            "EMAIL_DISPATCH_INTERVAL",
            feeds_queue=True,
        ),
    ),
    consent_texts={PLEDGE_CONSENT.purpose: PLEDGE_CONSENT},
    unconfirmed=(
        UnconfirmedForms(
            "pledges",
            select="tests.pledges.services.unconfirmed_pledges",
            erase="tests.pledges.services.erase_unconfirmed_pledges",
        ),
    ),
)
