"""Back-office forms: validate and normalise only."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ayni.statements.models import Block
from ayni.statements.services import INVALIDATION_FIELDS

DOMAIN_RE = re.compile(r"^[^\s@/]+\.[^\s@/]+$")
DATETIME_INPUT = "%Y-%m-%dT%H:%M"
MIN_YEAR, MAX_YEAR = 2000, 2999


def _datetime_widget() -> forms.DateTimeInput:
    # A native picker without JavaScript; Django reads the ISO value back.
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT)


class InvalidationForm(forms.Form):
    """The condition of a bulk invalidation. At least one of the conditions is needed."""

    email = forms.EmailField(
        label=capfirst(_("email address")),
        max_length=254,
        required=False,
        help_text=_("One address; its variants (capitals, +tags, Gmail dots) are included."),
    )
    ip_hash = forms.CharField(
        label=_("IP hash"),
        max_length=32,
        required=False,
        help_text=_("As shown on the dashboard or the signature."),
    )
    email_domain = forms.CharField(
        label=capfirst(_("email domain")),
        max_length=254,
        required=False,
        help_text=_("The part after @, for example example.org."),
    )
    country = forms.ChoiceField(label=capfirst(_("country")), required=False)
    since = forms.DateTimeField(
        label=capfirst(_("signed at or after")),
        required=False,
        widget=_datetime_widget(),
        help_text=_("In your time zone."),
    )
    until = forms.DateTimeField(
        label=capfirst(_("signed before")),
        required=False,
        widget=_datetime_widget(),
        help_text=_("In your time zone; signatures at exactly this moment are not included."),
    )
    reason = forms.CharField(
        label=capfirst(_("reason")),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("Logged with your name and the condition."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *countries]  # type: ignore[attr-defined]

    def clean_ip_hash(self) -> str:
        return self.cleaned_data["ip_hash"].strip().lower()

    def clean_email_domain(self) -> str:
        domain = self.cleaned_data["email_domain"].strip().lstrip("@").casefold()
        if domain and not DOMAIN_RE.match(domain):
            raise forms.ValidationError(
                _("Enter a domain such as example.org, without a name or @ before it.")
            )
        return domain

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if any(field in self.errors for field in INVALIDATION_FIELDS):
            return data
        if not any(data.get(field) for field in INVALIDATION_FIELDS):
            raise forms.ValidationError(
                _(
                    "Give at least one condition: email address, IP hash, email domain, country "
                    "or a date. "
                    "Invalidating every signature of a statement is not possible here."
                ),
                code="no_condition",
            )
        since, until = data.get("since"), data.get("until")
        for field, value in (("since", since), ("until", until)):
            # Far-off years overflow when converted to UTC for the database.
            if value and not MIN_YEAR <= value.year <= MAX_YEAR:
                self.add_error(
                    field,
                    _("Enter a date between %(min)d and %(max)d.")
                    % {"min": MIN_YEAR, "max": MAX_YEAR},
                )
                return data
        if since and until and since >= until:
            self.add_error("until", _("This must be later than the start."))
        return data

    def criteria(self) -> dict[str, Any]:
        """The condition as services.signatures_matching/invalidate_signatures take it."""
        return {
            field: self.cleaned_data[field]
            for field in INVALIDATION_FIELDS
            if self.cleaned_data.get(field)
        }


class BlockForm(forms.ModelForm):
    """An address or a domain to hold signatures from; normalised by services.block_address."""

    class Meta:
        model = Block
        fields = ["value", "statement", "reason"]

    def clean_value(self) -> str:
        value = self.cleaned_data["value"].strip()
        if "@" in value:
            local, _at, domain = value.rpartition("@")
            valid = bool(local) and bool(DOMAIN_RE.match(domain))
        else:
            valid = bool(DOMAIN_RE.match(value.lstrip("@")))
        if not valid:
            raise forms.ValidationError(
                _("Enter an email address (name@example.org) or a domain (example.org).")
            )
        return value

    def validate_unique(self) -> None:
        # The service returns an existing identical block instead of failing.
        return None


class StatementAdminForm(forms.ModelForm):
    """The statement's edit form (the admin builds its fields from the model)."""

    def _get_validation_exclusions(self) -> set[str]:
        # At most one statement is featured (a database constraint), and featuring this one
        # unfeatures the other when it is saved (services.save_statement): not an error here.
        return super()._get_validation_exclusions() | {"featured"}  # type: ignore[misc]
