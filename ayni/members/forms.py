"""The members' forms (validate and normalise only): subscribing to the news, asking for a
sign-in link, and the payment provider's event."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from ayni.members.enums import PaymentEventType
from ayni.members.models import Tier
from ayni.members.selectors import tier_by_slug
from ayni.supporters.forms import (
    CHOICE_MESSAGES,
    ActionForm,
    clean_action_email,
    email_field,
    name_field,
)


def local_path(value: str, *, host: str, secure: bool) -> str:
    """`value` if it is a path on this site (where to send the reader back: an article),
    else "". Never another host, a scheme, or "//host"."""
    value = (value or "").strip()
    if not value.startswith("/") or value.startswith("//") or len(value) > 500:
        return ""
    allowed = url_has_allowed_host_and_scheme(value, allowed_hosts={host}, require_https=secure)
    return value if allowed else ""


class ReaderForm(ActionForm):
    """A reader's form on the site: its honeypot, and `next` (where they were reading)."""

    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, host: str = "", secure: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.host, self.secure = host, secure

    def clean_next(self) -> str:
        # A foreign or malformed address is dropped, not refused: the form still works.
        return local_path(self.cleaned_data.get("next", ""), host=self.host, secure=self.secure)

    def clean_email(self) -> str:
        return clean_action_email(self.cleaned_data["email"])


class SubscribeForm(ReaderForm):
    email = email_field()
    name = name_field()
    language = forms.ChoiceField(
        label=_("Language of the emails"),
        choices=settings.LANGUAGES,
        error_messages=CHOICE_MESSAGES,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False


class JoinForm(ReaderForm):
    email = email_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "We send you a link to sign in. It works once, for a short while."
        )


class PaymentEventForm(forms.Form):
    """The body of the payment provider's event (JSON), checked field by field."""

    id = forms.CharField(max_length=100)
    type = forms.ChoiceField(choices=PaymentEventType.choices)
    email = forms.EmailField(max_length=254)
    tier = forms.SlugField(max_length=40, required=False)
    valid_until = forms.DateTimeField(required=False)
    created = forms.DateTimeField(required=False)  # when the provider made the event

    def clean_tier(self) -> Tier | None:
        slug = self.cleaned_data.get("tier", "")
        if not slug:
            return None
        tier = tier_by_slug(slug)
        if tier is None:
            raise forms.ValidationError("unknown tier", code="unknown")
        return tier

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        activation = cleaned.get("type") == PaymentEventType.ACTIVATED
        if activation and not cleaned.get("tier") and "tier" not in self.errors:
            self.add_error("tier", forms.ValidationError("required", code="required"))
        return cleaned
