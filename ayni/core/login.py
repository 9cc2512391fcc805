"""Back-office login throttling with django-axes: who the client is, how long a lockout lasts,
and the page that says so.

Failures count per account and per client (settings.AXES_LOCKOUT_PARAMETERS): either reaching
AXES_FAILURE_LIMIT locks logins out. The cool-off starts at LOGIN_COOLOFF_MINUTES and doubles
with every further failure while locked out, up to LOGIN_COOLOFF_MAX_MINUTES: a person who
mistyped waits a quarter of an hour, a script that keeps guessing waits a day.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ayni.core.clientip import client_ip, hash_ip


def acting_user(request: HttpRequest) -> User:
    """The logged-in user behind a back-office request, for the services that record who acted
    (the admin lets nobody else in; anyone else is refused, not recorded as nobody)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def login_client(request: HttpRequest) -> str | None:
    """The client as axes records it: the keyed hash of its address (an IPv6 client's /64, see
    clientip.rate_limit_address), written as an IPv6 address to fit axes' column. The back
    office keeps no clear IP address, and the value is the signatures' ip_hash in other dress."""
    address = client_ip(request)
    if not address:
        return None
    return str(ipaddress.IPv6Address(int(hash_ip(address), 16)))


def _recent_failures(request: HttpRequest) -> int:
    """Failures not yet expired for this request's account or client, whichever has more."""
    live = AccessAttempt.objects.exclude(expiration__expires_at__lte=timezone.now())
    counts = [
        live.filter(**{field: value}).aggregate(total=Sum("failures_since_start"))["total"] or 0
        for field, value in (
            ("username", get_client_username(request)),
            ("ip_address", getattr(request, "axes_ip_address", None)),
        )
        if value
    ]
    return max(counts, default=0)


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """How long logins stay locked after the last failure (axes' AXES_COOLOFF_TIME)."""
    base = settings.LOGIN_COOLOFF_MINUTES
    extra = 0 if request is None else _recent_failures(request) - settings.AXES_FAILURE_LIMIT
    # The exponent is capped so a flood of failures cannot overflow the arithmetic.
    minutes = base * 2 ** min(max(extra, 0), 20)
    return timedelta(minutes=min(minutes, max(base, settings.LOGIN_COOLOFF_MAX_MINUTES)))


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page a locked-out login gets (axes' AXES_LOCKOUT_CALLABLE): 429, in the reader's
    language, saying for how long; the account name is not repeated back."""
    wait = cool_off(request)
    now = timezone.now()
    response = render(
        request,
        "core/login_locked.html",
        {"now": now, "until": now + wait},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(wait.total_seconds()))
    return response
