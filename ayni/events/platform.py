"""What events add to the site (collected by ayni.core.registry)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ayni.core.registry import Contribution, HomeBlock, NavEntry, PeriodicJob, UnconfirmedForms
from ayni.core.roles import MODERATOR
from ayni.events.enums import REGISTRATION_CONSENT, REPORT_BACK_CONSENT

contribution = Contribution(
    nav=NavEntry(label=_("Events"), url_name="events:list", order=20),
    home_blocks=(
        HomeBlock(
            template="events/_home_block.html",
            context="ayni.events.home.events_block",
            order=20,
        ),
    ),
    periodic_jobs=(
        # Makes reminders due when their moment comes and queues every due email; it feeds
        # the queue, so `run_pending_tasks` runs it too.
        PeriodicJob(
            "events.dispatch_emails",
            "ayni.events.tasks.periodic_dispatch_emails",
            "EMAIL_DISPATCH_INTERVAL",
            feeds_queue=True,
        ),
        PeriodicJob("events.sweep", "ayni.events.tasks.periodic_sweep", 60),
    ),
    sitemaps={"events": "ayni.events.sitemaps.EventSitemap"},
    # A registrant's own pages (their links): kept out of search engines (robots.txt).
    private_paths=("events/r/",),
    demo="ayni.events.demo.seed_demo",
    # Registrations never confirmed: erased once their links are dead (ayni.supporters.retention).
    unconfirmed=(
        UnconfirmedForms(
            "event registrations",
            select="ayni.events.selectors.unconfirmed_registrations",
            erase="ayni.events.services.registering.erase_unconfirmed_registrations",
        ),
    ),
    consent_texts={
        REGISTRATION_CONSENT.purpose: REGISTRATION_CONSENT,
        REPORT_BACK_CONSENT.purpose: REPORT_BACK_CONSENT,
    },
    role_grants={
        # Moderators help at the door and look after registrations: see everything of events,
        # check people in; not export, not message everyone, not edit events.
        MODERATOR: Q(codename__startswith="view_") | Q(codename__in=["check_in_registrations"]),
    },
)
