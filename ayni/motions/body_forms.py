"""Forms about bodies: the public search (and the proposal of a missing body, which the report
form embeds), and the back office's body form and CSV upload. They validate and normalise only;
the services place and store."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ayni.core.validators import strip_invisible, validate_plain_text
from ayni.motions.enums import BodyStatus, Level
from ayni.motions.models import Body, Organisation
from ayni.motions.services.bodies import placement_errors

SEARCH_MIN_LENGTH = 2
SEARCH_MAX_LENGTH = 100


class BodySearchForm(forms.Form):
    """What the public types to find a body: at least two characters, within an organisation
    and at a level when chosen."""

    q = forms.CharField(
        label=_("Name or code of the body"),
        min_length=SEARCH_MIN_LENGTH,
        max_length=SEARCH_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={
            "required": _("Type at least two letters of the body’s name."),
            "min_length": _("Type at least two letters of the body’s name."),
            "max_length": _("Type at most 100 characters."),
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Any organisation"),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=[("", _("Any level")), *Level.choices],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a level from the list.")},
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations if organisations is not None else Organisation.objects.all()

    def clean_q(self) -> str:
        value = strip_invisible(self.cleaned_data["q"]).strip()
        validate_plain_text(value)
        if len(value) < SEARCH_MIN_LENGTH:
            raise ValidationError(_("Type at least two letters of the body’s name."))
        return value


class BodyProposalForm(forms.Form):
    """A body missing from the search, proposed by the public while reporting: the
    organisation, where it stands (a listed body above it, or none) and its name, level, type
    and country. The report form embeds it and calls services.bodies.propose_body."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        error_messages={
            "required": _("Choose the organisation."),
            "invalid_choice": _("Choose an organisation from the list."),
        },
    )
    parent = forms.ModelChoiceField(
        label=_("The body it belongs to"),
        queryset=Body.objects.filter(status=BodyStatus.LISTED),
        required=False,
        widget=forms.NumberInput,
        help_text=_("Found with the search above; leave empty for a national body."),
        error_messages={"invalid_choice": _("Choose a body found by the search.")},
    )
    name = forms.CharField(
        label=_("Name of the body"),
        max_length=200,
        error_messages={"required": _("Give the body’s name.")},
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=Level.choices,
        coerce=int,
        error_messages={
            "required": _("Choose the body’s level."),
            "invalid_choice": _("Choose a level from the list."),
        },
    )
    kind = forms.CharField(
        label=_("What the organisation calls it"),
        max_length=60,
        required=False,
        help_text=_("For example: branch, constituency party, regional council."),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=lambda: [("", _("Choose the country")), *countries],
        required=False,
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )

    def clean_name(self) -> str:
        value = strip_invisible(self.cleaned_data["name"]).strip()
        validate_plain_text(value)
        if not value:
            raise ValidationError(_("Give the body’s name."))
        return value

    def clean_kind(self) -> str:
        value = strip_invisible(self.cleaned_data["kind"]).strip()
        validate_plain_text(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation, level = data.get("organisation"), data.get("level")
        if organisation is not None and level is not None:
            for field, message in placement_errors(
                organisation=organisation, parent=data.get("parent"), level=level
            ).items():
                self.add_error(field, message)
        return data


def _https_by_default(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """A website typed without its scheme ("unite.org") is an https one."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class BodyAdminForm(forms.ModelForm):
    """A body in the back office: the placement is checked here so that a misplaced parent or
    level shows on the form (the services check it again when saving)."""

    class Meta:
        model = Body
        formfield_callback = _https_by_default
        fields = [
            "organisation",
            "parent",
            "name",
            "kind",
            "level",
            "country",
            "website",
            "code",
            "status",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation = data.get("organisation") or getattr(self.instance, "organisation", None)
        level = data.get("level")
        if organisation is not None and level is not None:
            stored = Body.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
            for field, message in placement_errors(
                organisation=organisation, parent=data.get("parent"), level=level, body=stored
            ).items():
                self.add_error(field, message)
        return data


class BodyImportForm(forms.Form):
    """The CSV file of bodies to check (and then import)."""

    file = forms.FileField(
        label=_("CSV file of bodies"),
        help_text=_("UTF-8, with a header row; see the format below."),
        error_messages={
            "required": _("Choose a CSV file."),
            "empty": _("The file is empty."),
            "invalid": _("Choose a CSV file."),
        },
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        # Read one byte past the limit: enough to know the file is too large.
        data = upload.read(settings.BODY_IMPORT_MAX_BYTES + 1)
        upload.close()
        if len(data) > settings.BODY_IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)d MB.")
                % {"limit": settings.BODY_IMPORT_MAX_BYTES // (1024 * 1024) or 1}
            )
        return data
