"""What the members app adds to the site (collected by ayni.core.registry)."""

from __future__ import annotations

from django.db.models import Q

from ayni.core.registry import Contribution, PeriodicJob, PrivacyNote, UnconfirmedForms
from ayni.core.roles import MODERATOR
from ayni.members.enums import MEMBERSHIP_CONSENT, NEWS_CONSENT

contribution = Contribution(
    periodic_jobs=(
        # Subscription confirmations and sign-in links; it feeds the queue, so
        # `run_pending_tasks` runs it too.
        PeriodicJob(
            "members.dispatch_emails",
            "ayni.members.tasks.periodic_dispatch_emails",
            "EMAIL_DISPATCH_INTERVAL",
            feeds_queue=True,
        ),
        PeriodicJob("members.sweep", "ayni.members.tasks.periodic_sweep", 60),
    ),
    # A subscriber's and a member's own pages: kept out of search engines (robots.txt).
    private_paths=("members/s/", "members/sign-in/", "members/account/"),
    demo="ayni.members.demo.seed_demo",
    # What the privacy page says subscribing and signing in keep (the session cookie included).
    privacy_notes=(
        PrivacyNote("members/_privacy_members.html", "ayni.members.selectors.privacy_context"),
    ),
    consent_texts={
        NEWS_CONSENT.purpose: NEWS_CONSENT,
        MEMBERSHIP_CONSENT.purpose: MEMBERSHIP_CONSENT,
    },
    # Subscriptions never confirmed, and sign-in links (dead within the hour): erased with the
    # addresses they hold once past the retention (ayni.supporters.retention).
    unconfirmed=(
        UnconfirmedForms(
            "news subscriptions",
            select="ayni.members.selectors.unconfirmed_subscriptions",
            erase="ayni.members.services.subscriptions.erase_unconfirmed_subscriptions",
        ),
        UnconfirmedForms(
            "sign-in links",
            select="ayni.members.selectors.old_sign_in_links",
            erase="ayni.members.services.sign_in.erase_sign_in_links",
        ),
    ),
    role_grants={
        # Moderators see members and subscriptions, change nothing; organisers grant and
        # change tiers and memberships (the defaults give them the rest).
        MODERATOR: Q(codename__startswith="view_"),
    },
)
