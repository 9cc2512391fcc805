from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ayni.core.forms import VisibleCharField
from ayni.core.pow import answer_field
from ayni.core.shared_form_fields import share_fields
from ayni.core.validators import PUBLIC_TEXT_VALIDATORS
from ayni.statements.enums import SignerKind
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


# Built on every submission and never changed after the class is built: its fields are shared,
# not deep-copied per instance (core/shared_form_fields.py says why and what that forbids).
@share_fields
class SignForm(ActionForm):
    kind = forms.ChoiceField(
        label=_("I am signing"),
        choices=SignerKind.choices,
        initial=SignerKind.INDIVIDUAL,
        widget=forms.RadioSelect,
        error_messages=CHOICE_MESSAGES,
    )
    name = name_field()
    email = email_field()
    country = CountryChoiceField(
        label=_("Country"), choices=country_choices, error_messages=CHOICE_MESSAGES
    )
    organisation = VisibleCharField(
        label=_("Organisation"),
        max_length=160,
        required=False,
        validators=PUBLIC_TEXT_VALIDATORS,
        help_text=_("For example your union branch, party or campaign group."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages=TEXT_MESSAGES,
    )
    role = VisibleCharField(
        label=_("Role"),
        max_length=120,
        required=False,
        validators=PUBLIC_TEXT_VALIDATORS,
        help_text=_("For example Branch Secretary."),
        error_messages=TEXT_MESSAGES,
    )
    comment = forms.CharField(
        label=_("Why are you signing?"),
        max_length=500,
        required=False,
        validators=PUBLIC_TEXT_VALIDATORS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT_MESSAGES,
    )
    # The labels are the consent texts themselves: what is recorded is exactly what was shown.
    show_publicly = forms.BooleanField(
        label=CONSENT_TEXTS[ConsentPurpose.SHOW_NAME].text,  # type: ignore[arg-type]
        required=False,
    )
    wants_updates = forms.BooleanField(
        label=CONSENT_TEXTS[ConsentPurpose.CAMPAIGN_UPDATES].text,  # type: ignore[arg-type]
        required=False,
    )
    # The answer to the proof-of-work challenge, filled in by the ALTCHA widget when required.
    altcha = answer_field()
    # The honeypot (`website`, `is_bot`) comes from ActionForm.

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Please enter your name."), code="short")
        return name

    def clean_email(self) -> str:
        return clean_action_email(self.cleaned_data["email"])

    def clean_organisation(self) -> str:
        return " ".join(self.cleaned_data["organisation"].split())

    def clean_role(self) -> str:
        return " ".join(self.cleaned_data["role"].split())

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == SignerKind.ORGANISATION and not cleaned.get("organisation"):
            self.add_error(
                "organisation", _("Please give the name of the organisation you are signing for.")
            )
        return cleaned

    @property
    def text_fields(self) -> list[forms.BoundField]:
        return [
            self[name] for name in ("name", "email", "country", "organisation", "role", "comment")
        ]
