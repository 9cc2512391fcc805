"""A self-hosted proof-of-work challenge (the ALTCHA protocol, v2), for forms under attack.

The server picks a secret counter below `POW_MAX_NUMBER` and publishes the first half of
SHA-256(salt + nonce + counter); the browser (the vendored ALTCHA widget, in a Web Worker)
tries counters until it finds one whose hash starts with that prefix. The server checks the
answer with one hash and an HMAC over the signed parameters, and refuses a challenge twice.
No third party is involved. The widget and its worker are in static/vendor/altcha/.

What a form that asks for it uses, whichever app it is in: the hidden answer field
(`answer_field`), the challenge's address (`challenge_response` in a view of the app's own),
`verify_and_spend` with a scope naming the form, the `UNFINISHED` message, and the templates
core/_challenge_head.html (in the page's head) and core/_challenge_widget.html (in the form).
"""

from __future__ import annotations

import hashlib
import secrets
import struct
from datetime import timedelta

import altcha
from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ayni.core.models import SpentChallenge

CHALLENGE_LIFETIME = timedelta(minutes=20)
# The widget's `sha.js` worker: one SHA-256 per tried counter, like the protocol's v1.
ALGORITHM = "SHA-256"
# The longest payload the widget sends for our challenges is about 700 characters.
MAX_PAYLOAD_LENGTH = 2000


# Said when the answer is missing, wrong, expired or spent: the widget had not finished.
UNFINISHED = gettext_lazy(
    "The anti-abuse check did not finish. Please wait a moment and send the form again."
)


def answer_field() -> forms.CharField:
    """The form field the widget fills in with its answer (named `altcha` in the form: the
    widget's own name for its hidden field)."""
    return forms.CharField(required=False, max_length=MAX_PAYLOAD_LENGTH, widget=forms.HiddenInput)


def challenge_response(scope: str) -> JsonResponse:
    """A fresh challenge for `scope`, as the widget fetches it (never cached)."""
    return JsonResponse(new_challenge(scope), headers={"Cache-Control": "no-store"})


def _key() -> bytes:
    return hashlib.sha256(("ayni-altcha:" + settings.SECRET_KEY).encode()).digest()


def new_challenge(scope: str) -> dict[str, object]:
    """A signed challenge, as the widget fetches it, valid only for `scope`."""
    challenge = altcha.create_challenge(
        ALGORITHM,
        1,
        counter=secrets.randbelow(settings.POW_MAX_NUMBER),
        expires_at=timezone.now() + CHALLENGE_LIFETIME,
        data={"scope": scope},
        hmac_secret=_key(),
    )
    return challenge.to_dict()


def verify_and_spend(payload: str, scope: str) -> bool:
    """True once for a correct, unexpired answer to a challenge issued for `scope`.

    `payload` is what the widget puts in its hidden field: base64 of the JSON
    `{challenge, solution}`. Side effect: a correct answer records its challenge as spent.
    """
    if not payload or len(payload) > MAX_PAYLOAD_LENGTH:
        return False
    try:
        result = altcha.verify_solution(payload, _key())
        if not result.verified:
            return False
        challenge = altcha.Payload.from_base64(payload).challenge
    except (ValueError, TypeError, KeyError, AttributeError, struct.error, OverflowError):
        return False
    data = challenge.parameters.data
    if not challenge.signature or not isinstance(data, dict) or data.get("scope") != scope:
        return False
    try:
        with transaction.atomic():
            # The signature is an HMAC over the whole challenge, so it names it uniquely.
            SpentChallenge.objects.create(
                challenge=challenge.signature, expires_at=timezone.now() + CHALLENGE_LIFETIME
            )
    except IntegrityError:
        return False
    return True


def widget_strings() -> dict[str, str]:
    """The widget's texts in the active language (it ships only English; its Spanish says
    "usted", ours says "tú"). Keys are the widget's own (altcha 3.x `i18n`)."""
    return {
        "ariaLinkLabel": "ALTCHA",
        "cancel": _("Cancel"),
        "enterCode": _("Enter the code"),
        "enterCodeAria": _("Enter the code you hear. Press Space to play the audio."),
        "enterCodeFromImage": _("To go on, enter the code from the image below."),
        "error": _("The check failed. Reload the page and try again."),
        "expired": _("The check expired. Try again."),
        "footer": "",
        "getAudioChallenge": _("Get an audio challenge"),
        "label": _("I'm not a robot"),
        "loading": _("Loading…"),
        "reload": _("Reload"),
        "verify": _("Check"),
        "verificationRequired": _("Your browser still has to finish the check."),
        "verified": _("Check complete. You can send the form."),
        "verifying": _("Checking that you are not a robot…"),
        "waitAlert": _("Checking… please wait a moment."),
    }


def prune_spent_challenges() -> int:
    deleted, _ = SpentChallenge.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
