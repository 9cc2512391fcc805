"""The filters of a motion's table of adoptions: a plain GET form (it works without
JavaScript). A value that is not one of the choices, or a date that is not one, is said so next
to its field and not applied; the other filters still are. Never an error page."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ayni.motions.enums import Level, Outcome
from ayni.motions.models import Adoption
from ayni.supporters.forms import CHOICE_MESSAGES

DATE_MESSAGES = {"invalid": _("Enter a date such as 2027-01-31.")}
# The keyset cursor of the next page: "<meeting date>.<id>" of the last row shown.
CURSOR = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(\d{1,12})$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        """A value that is not a date is shown empty (its error says what was wrong): a date
        input's value must be a date, or nothing."""
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class AdoptionFilterForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, error_messages=CHOICE_MESSAGES
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        required=False,
        coerce=int,
        choices=[("", _("Any level")), *Level.choices],
        error_messages=CHOICE_MESSAGES,
    )
    region = forms.TypedChoiceField(
        label=_("Region"), required=False, coerce=int, error_messages=CHOICE_MESSAGES
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("Any outcome")), *Outcome.choices],
        error_messages=CHOICE_MESSAGES,
    )
    since = forms.DateField(
        label=_("Met on or after"), required=False, widget=DateInput(), error_messages=DATE_MESSAGES
    )
    until = forms.DateField(
        label=_("Met on or before"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_MESSAGES,
    )

    def __init__(
        self,
        data: Any,
        *,
        organisations: list[tuple[int, str]],
        regions: list[tuple[int, str]],
    ) -> None:
        super().__init__(data)
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            ("", _("Any organisation")),
            *organisations,
        ]
        self.fields["region"].choices = [  # type: ignore[attr-defined]
            ("", _("Any region")),
            *regions,
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters that were given (an invalid one is left out, its error on the
        form)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value not in (None, "")}

    def query(self) -> str:
        """The valid filters as a query string, for the next page's link."""
        query = QueryDict(mutable=True)
        for name, value in self.filters().items():
            query[name] = value.isoformat() if isinstance(value, date) else str(value)
        return query.urlencode()


def apply_filters(adoptions: QuerySet[Adoption], filters: dict[str, Any]) -> QuerySet[Adoption]:
    condition = Q()
    lookups = {
        "organisation": "body__organisation_id",
        "level": "body__level",
        "region": "body__region_id",
        "outcome": "outcome",
        "since": "meeting_date__gte",
        "until": "meeting_date__lte",
    }
    for name, lookup in lookups.items():
        if name in filters:
            condition &= Q(**{lookup: filters[name]})
    return adoptions.filter(condition)


def parse_cursor(value: str | None) -> tuple[date, int] | None:
    """The cursor of a next-page link, or None for one that is not (the first page then)."""
    found = CURSOR.match(value or "")
    if not found:
        return None
    try:
        return date.fromisoformat(found.group(1)), int(found.group(2))
    except ValueError:
        return None


def after_cursor(adoptions: QuerySet[Adoption], cursor: tuple[date, int]) -> QuerySet[Adoption]:
    """The rows after the cursor in the table's order (newest meeting first, then id)."""
    meeting, pk = cursor
    return adoptions.filter(Q(meeting_date__lt=meeting) | Q(meeting_date=meeting, pk__lt=pk))
