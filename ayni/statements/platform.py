"""What statements adds to the site (collected by ayni.core.registry)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ayni.core.registry import Contribution, HomeBlock, NavEntry, PeriodicJob, UnconfirmedForms
from ayni.core.roles import MODERATOR

contribution = Contribution(
    nav=NavEntry(label=_("Statements"), url_name="statements:list", order=10),
    home_blocks=(
        HomeBlock(
            template="statements/_home_featured.html",
            context="ayni.statements.home.featured_block",
            order=10,
            lead=True,
        ),
        HomeBlock(
            template="statements/_home_statements.html",
            context="ayni.statements.home.statements_block",
            order=10,
        ),
    ),
    periodic_jobs=(
        # Folds the sign form's submissions into signatures and queues the emails they make
        # due; it feeds the queue, so `run_pending_tasks` runs it too.
        PeriodicJob(
            "statements.dispatch_emails",
            "ayni.statements.tasks.periodic_dispatch_emails",
            "EMAIL_DISPATCH_INTERVAL",
            feeds_queue=True,
        ),
        PeriodicJob(
            "statements.roll_up_counts",
            "ayni.statements.tasks.periodic_roll_up_counts",
            "ROLLUP_INTERVAL",
        ),
        PeriodicJob("statements.sweep", "ayni.statements.tasks.periodic_sweep", 60),
        PeriodicJob(
            "statements.reconcile_counts",
            "ayni.statements.tasks.periodic_reconcile_counts",
            "RECONCILE_INTERVAL",
        ),
    ),
    sitemaps={"statements": "ayni.statements.sitemaps.StatementSitemap"},
    # A signer's own pages (their links): kept out of search engines (robots.txt).
    private_paths=("confirm/", "withdraw/"),
    demo="ayni.statements.demo.seed_demo",
    # Signatures never confirmed: erased once their links are dead (ayni.supporters.retention).
    unconfirmed=(
        UnconfirmedForms(
            "signatures",
            select="ayni.statements.selectors.unconfirmed_signatures",
            erase="ayni.statements.services.erase_unconfirmed_signatures",
        ),
    ),
    role_grants={
        # Moderators review signatures: see everything of statements, edit a signature, release
        # or invalidate held ones, block an address or domain; not export, not edit statements.
        MODERATOR: Q(codename__startswith="view_")
        | Q(codename__in=["change_signature", "invalidate_signatures", "add_block"]),
    },
)
