"""What motions add to the site (collected by ayni.core.registry)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ayni.core.registry import Contribution, HomeBlock, NavEntry
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
    consent_texts={ADOPTION_REPORT_CONSENT.purpose: ADOPTION_REPORT_CONSENT},
    role_grants={
        # Moderators review what the public reports: see everything of motions, verify,
        # reject and merge reports, and list or refuse the bodies the public proposes.
        MODERATOR: Q(codename__startswith="view_")
        | Q(codename__in=["moderate_adoptions", "change_body"]),
    },
)
