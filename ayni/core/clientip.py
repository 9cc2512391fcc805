"""The client's IP, trusting X-Forwarded-For only from configured proxies, kept only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


def client_ip(request: HttpRequest) -> str:
    """Walk X-Forwarded-For from the right, skipping our own proxies; stop at the first stranger."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote
    return remote


def hash_ip(address: str) -> str:
    """A keyed hash: the same IP gives the same value here, and nothing outside can reverse it."""
    key = hashlib.sha256(("ayni-ip:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def client_ip_hash(request: HttpRequest) -> str:
    return hash_ip(client_ip(request))
