"""The public forms of events: registering, and filtering the list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.core.forms import VisibleCharField
from ayni.core.shared_form_fields import share_fields
from ayni.core.validators import PUBLIC_TEXT_VALIDATORS, validate_plain_text
from ayni.events import selectors
from ayni.events.display import language_names
from ayni.events.enums import REPORT_BACK_CONSENT, EventFormat
from ayni.events.models import Host
from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentPurpose
from ayni.supporters.forms import (
    CHOICE_MESSAGES,
    TEXT_MESSAGES,
    ActionForm,
    CountryChoiceField,
    clean_action_email,
    country_choices,
    email_field,
    name_field,
)


class HostCodeField(forms.CharField):
    """The `?via=<code>` a host's link carried: the host, or None for a code nobody has (a
    mistyped or made-up code is ignored, never an error the registrant would have to fix)."""

    widget = forms.HiddenInput

    def clean(self, value: Any) -> Host | None:  # type: ignore[override]
        code = super().clean(value)
        if not code or len(code) > 40:
            return None
        return Host.objects.filter(code=code).first()


def _collapse(value: str) -> str:
    return " ".join(value.split())


# Built on every registration and never changed after the class is built, so its fields are
# shared, not deep-copied per instance (core/shared_form_fields.py says why and what that forbids).
@share_fields
class RegisterForm(ActionForm):
    name = name_field()
    email = email_field()
    country = CountryChoiceField(
        label=_("Country"),
        choices=country_choices,
        required=False,
        error_messages=CHOICE_MESSAGES,
    )
    organisation = VisibleCharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        validators=PUBLIC_TEXT_VALIDATORS,
        help_text=_("For example your union branch, party or campaign group."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages=TEXT_MESSAGES,
    )
    access_needs = VisibleCharField(
        label=_("Access needs"),
        max_length=1000,
        required=False,
        validators=[validate_plain_text],
        help_text=_(
            "Anything that would help you take part: captions, interpretation, step-free "
            "access, a quiet space… Only the organisers see it."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT_MESSAGES,
    )
    # The labels are the consent texts themselves: what is recorded is exactly what was shown.
    wants_report_back = forms.BooleanField(
        label=REPORT_BACK_CONSENT.text,  # type: ignore[arg-type]
        required=False,
    )
    wants_updates = forms.BooleanField(
        label=CONSENT_TEXTS[ConsentPurpose.CAMPAIGN_UPDATES].text,  # type: ignore[arg-type]
        required=False,
    )
    via = HostCodeField(required=False)
    # The honeypot (`website`, `is_bot`) comes from ActionForm.

    def clean_name(self) -> str:
        name = _collapse(self.cleaned_data["name"])
        if len(name) < 2:
            raise forms.ValidationError(_("Please enter your name."), code="short")
        return name

    def clean_email(self) -> str:
        return clean_action_email(self.cleaned_data["email"])

    def clean_organisation(self) -> str:
        return _collapse(self.cleaned_data["organisation"])

    def clean_access_needs(self) -> str:
        return self.cleaned_data["access_needs"].strip()

    @property
    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("name", "email", "country", "organisation", "access_needs")]

    @property
    def registration(self) -> dict[str, Any]:
        """The cleaned values as register_for_event takes them."""
        return {
            name: self.cleaned_data[name]
            for name in (
                "name",
                "email",
                "country",
                "organisation",
                "access_needs",
                "wants_report_back",
                "wants_updates",
                "via",
            )
        }


class EventFilterForm(forms.Form):
    """The list's filters, a plain GET form: an unknown value is said so and not applied."""

    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Any format")), *EventFormat.choices],
        error_messages=CHOICE_MESSAGES,
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, error_messages=CHOICE_MESSAGES
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = selectors.event_language_codes()
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            ("", _("Any language")),
            *zip(codes, language_names(codes), strict=True),
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters (an invalid one is left out, with its error on the form)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) or "" for name in ("format", "language")}
