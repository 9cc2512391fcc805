"""Email normalisation: one person counts once, whatever the case, dots or +tags."""

from __future__ import annotations

import contextlib

# Providers known to ignore a +tag in the local part.
PLUS_TAG_DOMAINS = {
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
    "msn.com", "fastmail.com", "fastmail.fm", "protonmail.com", "proton.me", "pm.me",
    "icloud.com", "me.com", "mac.com", "yandex.com", "yandex.ru", "gmx.com", "gmx.de",
    "zoho.com", "tutanota.com", "posteo.de", "mailbox.org",
}  # fmt: skip
# Providers that also ignore dots in the local part.
DOTLESS_DOMAINS = {"gmail.com", "googlemail.com"}
DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].casefold()


def normalise_email(email: str) -> str:
    """Case-fold, then apply the provider's own rules for dots and +tags."""
    local, _, domain = email.strip().rpartition("@")
    local = local.casefold()
    domain = domain.casefold().rstrip(".")
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    if domain in PLUS_TAG_DOMAINS and "+" in local:
        local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
    domain = DOMAIN_ALIASES.get(domain, domain)
    return f"{local}@{domain}"
