"""What statements add to the site (see ayni/core/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ayni.core.registry import Contribution, HomeBlock, NavEntry

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
)
