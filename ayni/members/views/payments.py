"""The payment provider's webhook (docs/membership.md): no language, no CSRF (it is signed)."""

from __future__ import annotations

import json
import logging
import time

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ayni.members.forms import PaymentEventForm
from ayni.members.services import payments

logger = logging.getLogger(__name__)

MAX_BODY = 16 * 1024  # an event is a few hundred bytes


def _refused(reason: str, status: int = 400) -> JsonResponse:
    logger.warning("Payment webhook refused: %s", reason)
    return JsonResponse({"error": reason}, status=status)


@csrf_exempt
@never_cache
@require_POST
def payment_webhook(request: HttpRequest) -> HttpResponse:
    """Check the signature before anything else, then the body, then act once per event id.
    400 with nothing stored for a bad signature or body; 200 {"status": "duplicate"} for an
    event handled before, {"status": "superseded"} for one made before an event already acted
    on for the same member (nothing changes, and the provider stops retrying)."""
    secret = settings.PAYMENT_WEBHOOK_SECRET
    if not secret:
        raise Http404
    length = request.headers.get("Content-Length") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        return _refused("too large", 413)
    body = request.body
    problem = payments.signature_problem(
        request.headers.get("Ayni-Signature", ""), body, secret=secret, now=time.time()
    )
    if problem:
        return _refused(f"signature {problem}")
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _refused("body is not JSON")
    if not isinstance(payload, dict) or not all(
        isinstance(value, str | type(None)) for value in payload.values()
    ):
        return _refused("body is not an object of strings")
    form = PaymentEventForm(payload)
    if not form.is_valid():
        return _refused("invalid " + ", ".join(sorted(form.errors)))
    data = form.cleaned_data
    outcome = payments.handle_event(
        payments.Event(
            event_id=data["id"],
            type=data["type"],
            email=data["email"],
            tier=data["tier"],
            valid_until=data["valid_until"],
            created=data["created"],
        )
    )
    return JsonResponse({"status": outcome})
