"""Email normalisation: one mailbox counts once, whatever the case, dots or +tags."""

from __future__ import annotations

import contextlib

# Providers that also ignore dots in the local part.
DOTLESS_DOMAINS = {"gmail.com", "googlemail.com"}
DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].casefold()


def ascii_domain(domain: str) -> str:
    """The domain as mail servers see it: case-folded, no trailing dot, international names in
    their ASCII (punycode) form (kept as typed when they have none)."""
    domain = domain.casefold().rstrip(".")
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return domain


def normalise_email(email: str) -> str:
    """Case-fold, drop a +tag at every domain (as the UK petitions service does: most mail
    servers deliver ana+x@ to ana@, and a +tag is the easiest way to sign twice), then apply
    the provider's own rules for dots. Mail still goes to the address as typed."""
    local, _, domain = email.strip().rpartition("@")
    local = local.casefold()
    domain = ascii_domain(domain)
    # A local part that is all tag ("+ana@") has no mailbox before it: keep it whole.
    local = local.split("+", 1)[0] or local
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
    domain = DOMAIN_ALIASES.get(domain, domain)
    return f"{local}@{domain}"


def masked_email(email: str) -> str:
    """The address as a reviewer who needs no address sees it: the first letter of the mailbox
    and of the domain, and the domain's last part ("n…@e….org"), so two comments from one
    address still look alike without the address being readable."""
    local, _, domain = email.strip().rpartition("@")
    if not local or not domain:
        return "…"
    name, dot, top = domain.rpartition(".")
    shown_domain = f"{name[:1]}…{dot}{top}" if name else f"{domain[:1]}…"
    return f"{local[:1]}…@{shown_domain}"
