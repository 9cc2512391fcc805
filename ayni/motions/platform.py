"""What motions add to the site (collected by ayni.core.registry)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ayni.core.registry import Contribution, HomeBlock, NavEntry, PeriodicJob, UnconfirmedForms
from ayni.core.roles import MODERATOR
from ayni.motions.enums import ADOPTION_REPORT_CONSENT

contribution = Contribution(
    nav=NavEntry(label=_("Motions"), url_name="motions:list", order=30),
    home_blocks=(
        HomeBlock(
            template="motions/_home_block.html",
            context="ayni.motions.home.motion_block",
            order=30,
        ),
    ),
    sitemaps={"motions": "ayni.motions.sitemaps.MotionSitemap"},
    periodic_jobs=(
        # Queues every due email of adoption reports; it feeds the queue, so
        # `run_pending_tasks` runs it too.
        PeriodicJob(
            "motions.dispatch_emails",
            "ayni.motions.tasks.periodic_dispatch_emails",
            "EMAIL_DISPATCH_INTERVAL",
            feeds_queue=True,
        ),
        PeriodicJob("motions.sweep", "ayni.motions.tasks.periodic_sweep", 60),
        # Forwarded motions unheard FORWARDING_LAPSE_DAYS after their deadline: hourly is
        # plenty for a count in days.
        PeriodicJob(
            "motions.lapse_forwardings", "ayni.motions.tasks.periodic_lapse_forwardings", 3600
        ),
    ),
    # A reporter's own pages (their links): kept out of search engines (robots.txt).
    private_paths=("motions/r/",),
    demo="ayni.motions.demo.seed_demo",
    # Reports never confirmed: erased once their links are dead (ayni.supporters.retention).
    unconfirmed=(
        UnconfirmedForms(
            "adoption reports",
            select="ayni.motions.selectors.unconfirmed_reports",
            erase="ayni.motions.services.reporting.erase_unconfirmed_reports",
        ),
    ),
    consent_texts={ADOPTION_REPORT_CONSENT.purpose: ADOPTION_REPORT_CONSENT},
    role_grants={
        # Moderators review what the public reports: see everything of motions, verify,
        # reject and merge reports, list or refuse the bodies the public proposes, and keep the
        # forwarded motions' meetings, deadlines and states.
        MODERATOR: Q(codename__startswith="view_")
        | Q(codename__in=["moderate_adoptions", "change_body", "change_forwarding"]),
    },
)
