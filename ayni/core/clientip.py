"""The client's IP, trusting X-Forwarded-For only from configured proxies, kept only as a keyed
hash; IPv6 clients are counted by their network (RATE_LIMIT_IPV6_PREFIX)."""

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


def _rate_limit_network(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Network | None:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv4Address):
        return ip
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ipaddress.IPv6Network((ip, settings.RATE_LIMIT_IPV6_PREFIX), strict=False)


def rate_limit_address(address: str) -> str:
    """The client as rate limits count it: an IPv4 address as itself (also when written as
    IPv4-mapped IPv6), an IPv6 address by its network of RATE_LIMIT_IPV6_PREFIX bits, written
    as that network's first address. Anything else is returned as it is."""
    network = _rate_limit_network(address)
    if isinstance(network, ipaddress.IPv6Network):
        return str(network.network_address)
    return address if network is None else str(network)


def hash_ip(address: str) -> str:
    """A keyed hash: the same client (see rate_limit_address) gives the same value here, and
    nothing outside can reverse it. An IPv6 network is hashed with its length ("2001:db8::/64"),
    so changing RATE_LIMIT_IPV6_PREFIX starts afresh rather than mixing sizes."""
    key = hashlib.sha256(("ayni-ip:" + settings.SECRET_KEY).encode()).digest()
    network = _rate_limit_network(address)
    message = address if network is None else str(network)
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:32]


def client_ip_hash(request: HttpRequest) -> str:
    return hash_ip(client_ip(request))
