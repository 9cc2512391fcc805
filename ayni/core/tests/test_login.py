"""Back-office login throttling (django-axes): per account, per client, with back-off."""

from __future__ import annotations

import io
import ipaddress
from datetime import timedelta
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ayni.core.clientip import hash_ip
from ayni.core.roles import ORGANISER, STAFF
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-good-long-password"  # noqa: S105 (UserFactory's, for tests)
LOCKED = "Too many failed logins"
LOCKED_ES = "Demasiados intentos fallidos de inicio de sesión"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_COOLOFF_MINUTES = 15
    settings.LOGIN_COOLOFF_MAX_MINUTES = 24 * 60


class Clock:
    def __init__(self) -> None:
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """The one outside thing these tests control: the time (axes imports `now` by name)."""
    fake = Clock()
    for target in ("django.utils.timezone.now", "axes.handlers.proxy.now", "axes.attempts.now"):
        monkeypatch.setattr(target, fake)
    return fake


@pytest.fixture
def organiser():
    return UserFactory(username="organiser", role=ORGANISER)


def log_in(client, username, password, *, ip="198.51.100.7", next_url=None, language="en"):
    url = reverse("admin:login")
    if next_url is not None:
        url += f"?next={quote(next_url, safe='')}"
    return client.post(
        url,
        {"username": username, "password": password, "next": next_url or "/admin/"},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def logged_in(client) -> bool:
    return SESSION_KEY in client.session


def assert_locked_out(response, client) -> None:
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not logged_in(client)


def test_wrong_passwords_lock_the_account_whatever_the_client(client, organiser):
    for n in range(4):
        response = log_in(client, "organiser", "wrong", ip=f"198.51.100.{n}")
        assert response.status_code == 200  # the form again, with Django's message
        assert "Please enter the correct username and password" in response.content.decode()

    fifth = log_in(client, "organiser", "wrong", ip="198.51.100.4")
    right_password_elsewhere = log_in(client, "organiser", PASSWORD, ip="203.0.113.50")

    assert_locked_out(fifth, client)
    assert_locked_out(right_password_elsewhere, client)
    UserFactory(username="colleague")
    assert log_in(client, "colleague", PASSWORD, ip="198.51.100.1").status_code == 302
    assert logged_in(client)  # the clients themselves are not locked out


def test_wrong_passwords_lock_the_client_out_whatever_the_account(client, organiser):
    for n in range(5):
        log_in(client, f"guess{n}", "wrong", ip="198.51.100.7")

    same_client = log_in(client, "organiser", PASSWORD, ip="198.51.100.7")
    assert_locked_out(same_client, client)

    other_client = log_in(client, "organiser", PASSWORD, ip="203.0.113.50")
    assert other_client.status_code == 302
    assert logged_in(client)


def test_ipv6_clients_count_by_their_64(client, organiser):
    for n in range(5):
        log_in(client, f"guess{n}", "wrong", ip=f"2001:db8:7:7::{n + 1}")

    assert_locked_out(log_in(client, "organiser", PASSWORD, ip="2001:db8:7:7::abcd"), client)
    assert log_in(client, "organiser", PASSWORD, ip="2001:db8:7:8::1").status_code == 302


@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        (
            "en",
            LOCKED,
            "Logging in is paused after several wrong passwords for this account or from "
            "this connection. Please try again in 15",
        ),
        (
            "es",
            LOCKED_ES,
            "Tras varias contraseñas incorrectas para esta cuenta o desde esta conexión, el "
            "inicio de sesión queda en pausa. Vuelve a intentarlo dentro de 15",
        ),
    ],
)
def test_the_lockout_page_says_why_and_for_how_long(client, organiser, language, heading, advice):
    for _ in range(5):
        response = log_in(client, "organiser", "wrong", language=language)

    content = response.content.decode()
    assert response.status_code == 429
    assert f'<html lang="{language}">' in content
    assert f"<h1>{heading}</h1>" in content
    assert advice in content
    assert response["Retry-After"] == str(15 * 60)
    # Strict CSP: no inline script or style on the page.
    assert "<script>" not in content and "<style" not in content and " style=" not in content
    assert "organiser" not in content.replace('"organiser"', "")  # the account is not echoed


def test_the_lockout_ends_after_the_cool_off(client, organiser, clock):
    for _ in range(5):
        log_in(client, "organiser", "wrong")

    clock.advance(minutes=15, seconds=1)
    response = log_in(client, "organiser", PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)
    assert AccessAttempt.objects.count() == 0  # a successful login clears its failures


def test_failures_while_locked_out_lengthen_the_cool_off(client, organiser, clock):
    for _ in range(5):
        log_in(client, "organiser", "wrong")
    clock.advance(minutes=1)
    log_in(client, "organiser", "wrong")  # the sixth: locked for 30 minutes from now

    clock.advance(minutes=16)
    # Past the first cool-off, within the second: still locked (and this try counts too).
    assert_locked_out(log_in(client, "organiser", PASSWORD, ip="203.0.113.50"), client)
    clock.advance(minutes=60)
    assert log_in(client, "organiser", PASSWORD, ip="203.0.113.50").status_code == 302


def test_the_cool_off_stops_growing_at_its_maximum(client, organiser, clock, settings):
    settings.LOGIN_COOLOFF_MAX_MINUTES = 60
    for _ in range(12):
        log_in(client, "organiser", "wrong")

    clock.advance(minutes=59)
    assert_locked_out(log_in(client, "organiser", "wrong", ip="203.0.113.50"), client)
    clock.advance(minutes=61)
    assert log_in(client, "organiser", PASSWORD, ip="203.0.113.50").status_code == 302


def test_a_successful_login_forgives_earlier_mistakes(client, organiser):
    for _ in range(4):
        log_in(client, "organiser", "wrong")
    assert log_in(client, "organiser", PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        response = log_in(client, "organiser", "wrong")

    assert response.status_code == 200
    assert log_in(client, "organiser", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [
        ("https://evil.example/", "/admin/"),
        ("//evil.example/admin/", "/admin/"),
        ("http://testserver.evil.example/", "/admin/"),
        ("/admin/statements/statement/", "/admin/statements/statement/"),
    ],
)
def test_after_login_an_off_site_next_leads_to_the_back_office(
    client, organiser, next_url, landing
):
    response = log_in(client, "organiser", PASSWORD, next_url=next_url)

    assert response.status_code == 302
    assert response["Location"] == landing
    assert logged_in(client)
    assert client.get(response["Location"]).status_code == 200


def test_login_attempts_keep_no_clear_ip_address(client, organiser):
    log_in(client, "organiser", "wrong", ip="198.51.100.23")

    attempt = AccessAttempt.objects.get()
    # The keyed hash the signatures use, written as an IPv6 address to fit the column.
    assert attempt.ip_address == str(ipaddress.IPv6Address(int(hash_ip("198.51.100.23"), 16)))
    stored = " ".join(str(value) for value in AccessAttempt.objects.values().get().values())
    assert "198.51.100.23" not in stored
    assert "wrong" not in stored  # the password is masked


def test_staff_see_login_attempts_but_cannot_change_them(client, organiser):
    log_in(client, "organiser", "wrong")
    attempt = AccessAttempt.objects.get()
    client.force_login(UserFactory(role=STAFF))

    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    deleting = client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )

    assert listing.status_code == 200
    assert "organiser" in listing.content.decode()
    assert deleting.status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_an_operator_unlocks_an_account_with_axes_reset_username(client, organiser):
    for _ in range(5):
        log_in(client, "organiser", "wrong", ip="198.51.100.7")

    call_command("axes_reset_username", "organiser", stdout=io.StringIO())

    assert log_in(client, "organiser", PASSWORD, ip="203.0.113.50").status_code == 302
    assert logged_in(client)
