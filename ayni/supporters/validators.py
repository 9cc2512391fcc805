"""Checks on the email address every supporter action asks for."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ayni.supporters.normalise import ascii_domain

# Top-level names that never reach the public internet: RFC 2606 (.test, .example, .invalid,
# .localhost), RFC 6761 and RFC 6762 (.local, multicast DNS). The second-level names
# example.com, example.org and example.net (RFC 2606 §3) are real, resolving domains and are
# accepted: the test suite and the demo data use them.
RESERVED_TOP_LEVEL = frozenset({"test", "example", "invalid", "localhost", "local"})


def validate_deliverable_email(email: str) -> None:
    """Refuse an address whose domain cannot receive mail from the internet: one without a
    dot (user@localhost, user@mailserver) or under a reserved top-level name."""
    domain = ascii_domain(email.rpartition("@")[2])
    if "." not in domain or domain.rpartition(".")[2] in RESERVED_TOP_LEVEL:
        raise ValidationError(
            _(
                "Please use an email address at a real domain: we cannot send to addresses "
                "such as user@localhost or ones ending in .test, .example, .invalid, "
                ".localhost or .local."
            ),
            code="undeliverable",
        )
