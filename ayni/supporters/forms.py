"""What every supporter action's public form has: the honeypot, and the messages and checks
its fields share."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_countries import countries

from ayni.core.countries import country_codes
from ayni.core.forms import VisibleCharField
from ayni.core.validators import PUBLIC_TEXT_VALIDATORS
from ayni.supporters.normalise import normalise_email
from ayni.supporters.validators import validate_deliverable_email


class ActionForm(forms.Form):
    """The base of an action's public form (a ModelForm may inherit it too).

    `website` is a field people never see (`supporters/_honeypot.html` renders it off-screen,
    out of the tab order); bots fill it in. A view answers a bot exactly as it answers
    anybody (the same "check your inbox"), and records nothing, so the bot learns nothing.
    """

    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


# What every action's form says and checks alike (the sign form, the register form…).

# Django's own words for these checks, marked here so that the campaign's catalogue gives
# them in its register: Django's Spanish addresses the reader as "usted", the campaign as "tú".
INVALID_EMAIL = _("Enter a valid email address.")
INVALID_CHOICE = _("Select a valid choice. %(value)s is not one of the available choices.")
TOO_LONG = ngettext_lazy(
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    "limit_value",
)
TEXT_MESSAGES = {"max_length": TOO_LONG}
CHOICE_MESSAGES = {"invalid_choice": INVALID_CHOICE}


def country_choices() -> list[tuple[str, str]]:
    # Evaluated when the form is rendered, so the names follow the active language.
    return [("", _("Choose your country")), *[(code, name) for code, name in countries]]


class CountryChoiceField(forms.ChoiceField):
    """Validates against the set of ISO codes: the stock check walks and re-normalises all 250
    localised choices on every submission, which was most of the sign form's cost."""

    def valid_value(self, value: str) -> bool:
        return value in country_codes()


def clean_action_email(email: str) -> str:
    """An address we can send to, and not too long once its domain is in ASCII."""
    # Here rather than in the field's validators: a malformed address gets one message.
    validate_deliverable_email(email)
    # Mail servers and the one-per-person check see the ASCII form of an international
    # domain, which can be far longer than what was typed.
    if len(normalise_email(email)) > 254:
        raise forms.ValidationError(_("This email address is too long."), code="max_length")
    return email


def name_field() -> VisibleCharField:
    """The supporter's name on an action's public form (shown to organisers, maybe publicly)."""
    return VisibleCharField(
        label=_("Your name"),
        max_length=120,
        validators=PUBLIC_TEXT_VALIDATORS,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages=TEXT_MESSAGES,
    )


def email_field() -> forms.EmailField:
    """The supporter's address on an action's public form (checked by `clean_action_email`)."""
    return forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send you a link to confirm. Your address is never shown."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={**TEXT_MESSAGES, "invalid": INVALID_EMAIL},
    )
