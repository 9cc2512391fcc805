"""What statements adds to the site (see ayni/core/registry.py)."""

from ayni.core.registry import Contribution

contribution = Contribution(
    sitemaps={"statements": "ayni.statements.sitemaps.StatementSitemap"},
    private_paths=("confirm/", "withdraw/"),
)
