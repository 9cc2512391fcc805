"""The client's IP: X-Forwarded-For believed only from our own proxies; stored only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

import pytest
from django.test import RequestFactory

from ayni.core.clientip import client_ip, client_ip_hash, hash_ip

PROXIES = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8")]


def request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def proxies(settings):
    settings.TRUSTED_PROXIES = PROXIES


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # An untrusted peer's X-Forwarded-For is ignored: it can say anything.
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),
        ("203.0.113.9", "127.0.0.1, 10.0.0.1", "203.0.113.9"),
        # From our proxy, the right-most address that is not ours is the client.
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
        ("127.0.0.1", "198.51.100.1, 10.0.0.7", "198.51.100.1"),
        # A client that sends its own header cannot push a fake address past our proxies.
        ("127.0.0.1", "1.2.3.4, 198.51.100.1, 10.0.0.7", "198.51.100.1"),
        ("127.0.0.1", "1.2.3.4,198.51.100.1 ,  10.0.0.7 ", "198.51.100.1"),
        # Nothing usable: fall back to the peer.
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "10.0.0.1, 10.0.0.2", "127.0.0.1"),
        ("127.0.0.1", "garbage, 10.0.0.7", "127.0.0.1"),
        ("127.0.0.1", "198.51.100.1:4711", "127.0.0.1"),
        # IPv6 clients, written in any equivalent form.
        ("127.0.0.1", "2001:DB8:0:0::1", "2001:db8::1"),
    ],
)
def test_client_ip_walks_forwarded_for_from_the_right(proxies, remote, forwarded, expected):
    assert client_ip(request(remote, forwarded)) == expected


def test_without_trusted_proxies_forwarded_for_is_never_believed(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("127.0.0.1", "198.51.100.1")) == "127.0.0.1"


def test_ip_hash_is_keyed_stable_and_does_not_contain_the_ip(settings):
    value = hash_ip("198.51.100.23")

    assert len(value) == 32 and int(value, 16) >= 0
    assert "198.51.100.23" not in value
    assert hash_ip("198.51.100.23") == value
    assert hash_ip("198.51.100.24") != value
    settings.SECRET_KEY = settings.SECRET_KEY[::-1]  # another site
    assert hash_ip("198.51.100.23") != value  # keyed: a table of all IPv4 hashes is useless


def test_ipv4_hash_is_the_keyed_hash_of_the_address_itself(settings):
    # Unchanged by counting IPv6 by network: hashes stored before still match new ones.
    key = hashlib.sha256(("ayni-ip:" + settings.SECRET_KEY).encode()).digest()
    expected = hmac.new(key, b"198.51.100.23", hashlib.sha256).hexdigest()[:32]

    assert hash_ip("198.51.100.23") == expected


def test_ipv4_mapped_ipv6_hashes_as_the_ipv4_address():
    assert hash_ip("::ffff:198.51.100.23") == hash_ip("198.51.100.23")
    assert hash_ip("::FFFF:c633:6417") == hash_ip("198.51.100.23")


def test_every_address_in_one_ipv6_64_hashes_the_same():
    # One household or one cloud machine gets a whole /64 and can use any address in it.
    same = {
        hash_ip("2001:db8:1:2::1"),
        hash_ip("2001:db8:1:2:ffff:ffff:ffff:ffff"),
        hash_ip("2001:0DB8:0001:0002:1234:5678:9abc:def0"),
    }

    assert len(same) == 1
    assert hash_ip("2001:db8:1:3::1") not in same  # the next /64 is someone else
    assert hash_ip("2001:db8:1:2::1") != hash_ip("198.51.100.23")


def test_the_ipv6_prefix_length_is_a_setting(settings):
    settings.RATE_LIMIT_IPV6_PREFIX = 48
    assert hash_ip("2001:db8:1:2::1") == hash_ip("2001:db8:1:ffff::9")
    assert hash_ip("2001:db8:1::1") != hash_ip("2001:db8:2::1")

    settings.RATE_LIMIT_IPV6_PREFIX = 128
    assert hash_ip("2001:db8:1:2::1") != hash_ip("2001:db8:1:2::2")


def test_something_that_is_not_an_address_still_hashes():
    assert hash_ip("") != hash_ip("garbage")
    assert len(hash_ip("garbage")) == 32


def test_client_ip_hash_follows_the_client_not_the_proxy(proxies):
    behind_proxy = client_ip_hash(request("127.0.0.1", "198.51.100.1"))
    spoofed = client_ip_hash(request("203.0.113.9", "198.51.100.1"))

    assert behind_proxy == hash_ip("198.51.100.1")
    assert spoofed == hash_ip("203.0.113.9")
