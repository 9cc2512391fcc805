"""The public form of motions: reporting that a body took a motion."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.forms import VisibleCharField
from ayni.core.validators import PUBLIC_TEXT_VALIDATORS, validate_plain_text
from ayni.motions import selectors
from ayni.motions.enums import ADOPTION_REPORT_CONSENT, CommitmentKind, Level, Outcome, Section
from ayni.motions.models import Body, MotionVersion, Organisation
from ayni.motions.services.evidence import check_evidence
from ayni.motions.services.reporting import SECTIONS, Pledge, ProposedBody
from ayni.supporters.forms import (
    CHOICE_MESSAGES,
    TEXT_MESSAGES,
    ActionForm,
    clean_action_email,
    email_field,
    name_field,
)

EARLIEST_MEETING = date(2000, 1, 1)
MAX_VOTES = 1_000_000
MAX_DONATION = Decimal("10000000")
CURRENCIES = [
    ("GBP", "GBP (£)"),
    ("EUR", "EUR (€)"),
    ("USD", "USD ($)"),
    ("BOB", "BOB (Bs)"),
    ("ARS", "ARS ($)"),
    ("CAD", "CAD ($)"),
    ("AUD", "AUD ($)"),
]
# Django's own words for these checks in the campaign's register (see supporters.forms).
WHOLE_NUMBER = {
    "invalid": _("Enter a whole number."),
    "min_value": _("Enter a number of %(limit_value)s or more."),
    "max_value": _("Enter a number of %(limit_value)s or less."),
}
AMOUNT = {
    "invalid": _("Enter an amount such as 250 or 99.50."),
    "min_value": _("Enter an amount of %(limit_value)s or more."),
    "max_value": _("Enter an amount of %(limit_value)s or less."),
    "max_digits": _("Enter an amount of 10000000 or less."),
    "max_decimal_places": _("Enter an amount with at most two decimals."),
    "max_whole_digits": _("Enter an amount of 10000000 or less."),
}
PICK = {
    "invalid_choice": _("Select one of the choices."),
    "invalid_list": _("Select one of the choices."),
}
MB = 1024 * 1024


def _number(label: str | Any, *, maximum: int = MAX_VOTES) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=maximum,
        error_messages=WHOLE_NUMBER,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _amended(section: str) -> forms.CharField:
    return forms.CharField(
        label=Section(section).label,
        required=False,
        strip=False,
        max_length=20_000,
        validators=[validate_plain_text],
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=TEXT_MESSAGES,
    )


class ReportForm(ActionForm):
    """The report of one meeting: the body (chosen from the list by its id, or proposed), what
    it decided, the evidence and the reporter. `version` gives the amended text's starting
    point (the current text in the page's language)."""

    body = forms.IntegerField(
        label=_("Your body"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        error_messages={**WHOLE_NUMBER, "min_value": _("Choose your body from the list.")},
    )
    new_body_name = VisibleCharField(
        label=_("Name of your body"),
        required=False,
        max_length=200,
        validators=PUBLIC_TEXT_VALIDATORS,
        help_text=_("For example “Leeds Central branch”."),
        error_messages=TEXT_MESSAGES,
    )
    new_body_organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Choose the organisation"),
        error_messages=PICK,
    )
    new_body_level = forms.TypedChoiceField(
        label=_("Level"),
        required=False,
        coerce=int,
        choices=[("", _("Choose the level")), *Level.choices],
        error_messages=PICK,
    )
    new_body_parent = forms.IntegerField(
        label=_("Number of the body above it"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("If you know it: the number shown next to a body in the search."),
        error_messages=WHOLE_NUMBER,
    )
    meeting_date = forms.DateField(
        label=_("Date of the meeting"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as year-month-day, like 2027-03-14.")},
    )
    outcome = forms.ChoiceField(
        label=_("What did the meeting decide?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages=CHOICE_MESSAGES,
    )
    votes_for = _number(_("Votes for"))
    votes_against = _number(_("Votes against"))
    votes_abstaining = _number(_("Abstentions"))
    commitments = forms.MultipleChoiceField(
        label=_("What did the body commit to?"),
        required=False,
        choices=CommitmentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=PICK,
    )
    donation_amount = forms.DecimalField(
        label=_("Amount pledged"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=MAX_DONATION,
        max_digits=10,
        decimal_places=2,
        error_messages=AMOUNT,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    donation_currency = forms.ChoiceField(
        label=_("Currency"), choices=CURRENCIES, initial="GBP", error_messages=CHOICE_MESSAGES
    )
    amended_notes = _amended("notes")
    amended_believes = _amended("believes")
    amended_resolves = _amended("resolves")
    evidence_url = forms.URLField(
        label=_("Link to the minutes"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("An https:// address where the minutes or the decision can be read."),
        error_messages={**TEXT_MESSAGES, "invalid": _("Enter a web address (https://…).")},
    )
    evidence_file = forms.FileField(
        label=_("Or upload the minutes"),
        required=False,
        help_text=_("A PDF, or a photo as JPEG, PNG or WebP."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}
        ),
        error_messages={
            "invalid": _("No file was sent. Choose the file again."),
            "empty": _("This file is empty."),
            "missing": _("No file was sent. Choose the file again."),
            "max_length": _("The file's name is too long."),
            "contradiction": _("Upload a file, or leave it out, not both."),
        },
    )
    name = name_field()
    email = email_field()
    consent = forms.BooleanField(
        label=ADOPTION_REPORT_CONSENT.text,  # type: ignore[arg-type]
        error_messages={"required": _("Please tick the box to agree, or we cannot keep it.")},
    )
    # The honeypot (`website`, `is_bot`) comes from ActionForm.

    def __init__(
        self, *args: Any, version: MotionVersion | None = None, language: str = "en", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_body_organisation"].queryset = selectors.organisations()  # type: ignore[attr-defined]
        self.fields["evidence_file"].help_text = _(
            "A PDF, or a photo as JPEG, PNG or WebP, up to %(size)s MB."
        ) % {"size": _max_megabytes()}
        if version is not None:
            for section in SECTIONS:
                self.fields[f"amended_{section}"].initial = version.text(section, language)
        self.chosen_body: Body | None = None

    def clean_body(self) -> Body | None:
        body_id = self.cleaned_data["body"]
        if body_id is None:
            return None
        body = selectors.listed_body(body_id)
        if body is None:
            raise ValidationError(
                _("This body is not in our list. Search again, or tell us about it below."),
                code="unknown_body",
            )
        self.chosen_body = body
        return body

    def clean_new_body_name(self) -> str:
        return " ".join(self.cleaned_data["new_body_name"].split())

    def clean_new_body_parent(self) -> Body | None:
        parent_id = self.cleaned_data["new_body_parent"]
        if parent_id is None:
            return None
        parent = selectors.listed_body(parent_id)
        if parent is None:
            raise ValidationError(_("There is no listed body with this number."), code="unknown")
        return parent

    def clean_meeting_date(self) -> date:
        meeting = self.cleaned_data["meeting_date"]
        if meeting > timezone.localdate():
            raise ValidationError(_("The meeting's date cannot be in the future."), code="future")
        if meeting < EARLIEST_MEETING:
            raise ValidationError(_("Enter a date from 2000 onwards."), code="too_early")
        return meeting

    def clean_email(self) -> str:
        return clean_action_email(self.cleaned_data["email"])

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise ValidationError(_("Please enter your name."), code="short")
        return name

    def clean_evidence_url(self) -> str:
        url = self.cleaned_data["evidence_url"]
        if url and not url.startswith("https://"):
            raise ValidationError(
                _("Enter a secure address that starts with https://."), code="https"
            )
        return url

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data["evidence_file"]
        if not upload:
            return None
        return check_evidence(upload, size=upload.size)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._clean_body_choice(cleaned)
        self._clean_commitments(cleaned)
        if cleaned.get("outcome") == Outcome.AMENDED:
            for section in SECTIONS:
                field = f"amended_{section}"
                if field in cleaned and not cleaned[field].strip():
                    self.add_error(
                        field, ValidationError(_("Give the text as passed."), code="required")
                    )
        has_url = bool(cleaned.get("evidence_url"))
        has_file = bool(cleaned.get("evidence_file"))
        no_error = "evidence_url" not in self.errors and "evidence_file" not in self.errors
        if not (has_url or has_file) and no_error:
            self.add_error(
                "evidence_url",
                ValidationError(
                    _("Give a link to the minutes, or upload them."), code="evidence_missing"
                ),
            )
        return cleaned

    def _clean_body_choice(self, cleaned: dict[str, Any]) -> None:
        if "body" in self.errors:
            return
        proposing = bool(cleaned.get("new_body_name"))
        if cleaned.get("body") is not None and proposing:
            self.add_error(
                "new_body_name",
                ValidationError(
                    _("You chose a body from the list: leave the name of a new one empty."),
                    code="both",
                ),
            )
        elif cleaned.get("body") is None and not proposing:
            if "new_body_name" not in self.errors:
                self.add_error(
                    "body",
                    ValidationError(
                        _("Choose your body from the list, or tell us its name below."),
                        code="body_missing",
                    ),
                )
        elif proposing:
            for field, message in (
                ("new_body_organisation", _("Choose the organisation the body belongs to.")),
                ("new_body_level", _("Choose the body's level.")),
            ):
                if cleaned.get(field) in (None, "") and field not in self.errors:
                    self.add_error(field, ValidationError(message, code="required"))
            parent = cleaned.get("new_body_parent")
            organisation = cleaned.get("new_body_organisation")
            level = cleaned.get("new_body_level")
            if (
                parent is not None
                and organisation is not None
                and level
                and (parent.organisation_id != organisation.pk or parent.level >= level)
            ):
                self.add_error(
                    "new_body_parent",
                    ValidationError(
                        _("The body above must be higher up in the same organisation."),
                        code="parent",
                    ),
                )

    def _clean_commitments(self, cleaned: dict[str, Any]) -> None:
        donates = CommitmentKind.DONATE in (cleaned.get("commitments") or [])
        amount = cleaned.get("donation_amount")
        if donates and amount is None and "donation_amount" not in self.errors:
            self.add_error(
                "donation_amount",
                ValidationError(_("Give the amount pledged."), code="required"),
            )
        elif not donates and amount is not None:
            self.add_error(
                "donation_amount",
                ValidationError(
                    _("Tick “Donate” above if the body pledged money, or leave the amount empty."),
                    code="not_donating",
                ),
            )

    @property
    def report(self) -> dict[str, Any]:
        """The cleaned values as report_adoption takes them."""
        data = self.cleaned_data
        body: Body | ProposedBody = data["body"] or ProposedBody(
            organisation=data["new_body_organisation"],
            name=data["new_body_name"],
            level=data["new_body_level"],
            parent=data["new_body_parent"],
        )
        pledges = [
            Pledge(
                kind=kind,
                amount=data["donation_amount"] if kind == CommitmentKind.DONATE else None,
                currency=data["donation_currency"] if kind == CommitmentKind.DONATE else "",
            )
            for kind in data["commitments"]
        ]
        return {
            "body": body,
            "meeting_date": data["meeting_date"],
            "outcome": data["outcome"],
            "votes_for": data["votes_for"],
            "votes_against": data["votes_against"],
            "votes_abstaining": data["votes_abstaining"],
            "pledges": pledges,
            "amended": {section: data[f"amended_{section}"] for section in SECTIONS},
            "evidence_url": data["evidence_url"],
            "evidence": data["evidence_file"],
            "name": data["name"],
            "email": data["email"],
        }


def _max_megabytes() -> str:
    megabytes = settings.EVIDENCE_MAX_BYTES / MB
    return f"{megabytes:g}" if megabytes >= 1 else f"{megabytes:.2f}"
