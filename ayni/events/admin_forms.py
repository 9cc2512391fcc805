"""Back-office forms for events: validate and normalise only.

An event's times are typed and shown as on the event's own clocks (its `time_zone`), whatever
the server's zone or the organiser's: a talk at 19:00 in La Paz is typed "19:00" with
America/La_Paz chosen, and stored as the instant 23:00 UTC.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, tzinfo
from typing import Any

from django import forms
from django.forms.fields import BaseTemporalField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.admin_slugs import SlugFromTitleForm
from ayni.core.validators import validate_single_line
from ayni.events.enums import EventFormat
from ayni.events.models import Event, Speaker
from ayni.events.services.codes import normalise_code

DATETIME_INPUT = "%Y-%m-%dT%H:%M"
# Far-off years overflow when converted to UTC for the database.
MIN_YEAR, MAX_YEAR = 2000, 2999
WALL_CLOCK_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


class WallClockField(forms.DateTimeField):
    """A date and time as read on a clock, without a zone: the form gives it the event's.

    A native picker without JavaScript (datetime-local); the value typed is kept naive here,
    not read in the server's zone as Django's own field would."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "input_formats",
            [DATETIME_INPUT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        )
        kwargs.setdefault("help_text", _("On the event’s clocks, in its time zone."))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        return BaseTemporalField.to_python(self, value)

    def prepare_value(self, value: Any) -> Any:
        return value


def on_the_clock(naive: datetime, zone: tzinfo) -> tuple[datetime | None, str]:
    """The instant a wall-clock time names in `zone`, or why it names none or two (the hour
    skipped when the clocks go forward, the hour repeated when they go back)."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first, ""
    shown = {"time": naive.strftime("%Y-%m-%d %H:%M"), "zone": str(zone)}
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return None, str(
            _(
                "%(time)s does not exist in %(zone)s: the clocks go forward then. "
                "Choose another time."
            )
            % shown
        )
    return None, str(
        _(
            "%(time)s happens twice in %(zone)s: the clocks go back then. "
            "Choose a time outside that hour."
        )
        % shown
    )


class EventAdminForm(SlugFromTitleForm):
    """The event's edit form (the admin builds the other fields from the model): its times on
    the event's clocks, and the rules an event must keep. A blank address is made from the
    English title."""

    title_inline_prefix = ""
    title_field = "title_en"

    starts_at = WallClockField(label=_("starts"))
    ends_at = WallClockField(label=_("ends"))
    registration_opens_at = WallClockField(
        label=_("registration opens"),
        required=False,
        help_text=_("On the event’s clocks. Empty: open as soon as the event is published."),
    )
    registration_closes_at = WallClockField(
        label=_("registration closes"),
        required=False,
        help_text=_("On the event’s clocks. Empty: registration closes when the event ends."),
    )

    class Meta:
        model = Event
        fields = "__all__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = self.instance.zone
            for name in WALL_CLOCK_FIELDS:
                value = self.initial.get(name)
                if isinstance(value, datetime) and timezone.is_aware(value):
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone_name = data.get("time_zone")
        if not zone_name:
            return data  # its own error says why
        zone = zoneinfo.ZoneInfo(zone_name)
        for name in WALL_CLOCK_FIELDS:
            naive = data.get(name)
            if naive is None:
                continue
            if not MIN_YEAR <= naive.year <= MAX_YEAR:
                self.add_error(
                    name,
                    _("Enter a date between %(min)d and %(max)d.")
                    % {"min": MIN_YEAR, "max": MAX_YEAR},
                )
                continue
            instant, problem = on_the_clock(naive, zone)
            if problem:
                self.add_error(name, problem)
            else:
                data[name] = instant
        self._check_times(data)
        self._check_place(data)
        return data

    def _check_times(self, data: dict[str, Any]) -> None:
        starts, ends = data.get("starts_at"), data.get("ends_at")
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if closes and ends and closes > ends:
            self.add_error(
                "registration_closes_at", _("Registration must close before the event ends.")
            )
        if opens and closes and opens >= closes:
            self.add_error("registration_opens_at", _("Registration must open before it closes."))

    def _check_place(self, data: dict[str, Any]) -> None:
        if data.get("format") in (EventFormat.IN_PERSON, EventFormat.HYBRID):
            if not data.get("venue_name", "").strip() and "venue_name" not in self.errors:
                self.add_error("venue_name", _("An event in person or hybrid needs a venue."))
            if not data.get("venue_address", "").strip() and "venue_address" not in self.errors:
                self.add_error(
                    "venue_address", _("Give the venue’s address: people need to find it.")
                )
        meeting_url = data.get("meeting_url", "")
        if meeting_url and not meeting_url.lower().startswith("https://"):
            self.add_error(
                "meeting_url",
                _("The meeting address must start with https:// (a private, encrypted link)."),
            )


class SpeakerAdminForm(SlugFromTitleForm):
    """A speaker; a blank address is made from their name."""

    title_inline_prefix = ""
    title_field = "name"

    class Meta:
        model = Speaker
        fields = "__all__"


class MessageForm(forms.Form):
    """An organiser's message to everyone registered."""

    subject = forms.CharField(
        label=_("Subject"), max_length=200, validators=[validate_single_line], strip=True
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 70}),
        help_text=_("Plain text. Each email adds the event’s details and the person’s own links."),
    )
    include_waitlist = forms.BooleanField(
        label=_("Also to the waiting list"), required=False, initial=False
    )


class CheckInForm(forms.Form):
    """The code a registrant shows at the door."""

    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        error_messages={"required": _("Type the code on the person’s confirmation.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autocorrect": "off",
                "spellcheck": "false",
                "autofocus": True,
                "class": "check-in-code",
                "size": 10,
            }
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("A code is letters and numbers, such as K7M2QX."))
        return code
