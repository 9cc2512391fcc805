"""How an event reads on the public pages: its time in its own zone and the map link of its
venue (the pages, the home block and the share card share these). Its panel in order is the
selectors' (`selectors.panel`: the newsroom's report-back articles list it too); what its
recording embeds is core's (ayni.core.embeds)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from django.utils import formats
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext as _

from ayni.events.models import Event

# A date as people say it in each language: "Monday 16 May 2022", "lunes 16 de mayo de 2022".
DAY_FORMAT = pgettext_lazy("the day of an event (Django date format)", "l j F Y")
TIME_FORMAT = "H:i"


def utc_offset(moment: datetime) -> str:
    """ "+01:00" for a moment an hour ahead of UTC (the offset written the ISO way)."""
    offset = moment.strftime("%z") or "+0000"
    return f"{offset[:3]}:{offset[3:5]}"


def zone_name(time_zone: str) -> str:
    return time_zone.replace("_", " ")


@dataclass(frozen=True)
class EventTime:
    """An event's start and end as read in its own zone, and as instants for the browser."""

    starts: datetime  # in the event's zone
    ends: datetime
    time_zone: str

    @property
    def day(self) -> str:
        return formats.date_format(self.starts, str(DAY_FORMAT))

    @property
    def start_time(self) -> str:
        return formats.date_format(self.starts, TIME_FORMAT)

    @property
    def end_time(self) -> str:
        return formats.date_format(self.ends, TIME_FORMAT)

    @property
    def zone(self) -> str:
        """ "Europe/London, UTC+01:00": the zone and its offset at the start."""
        return f"{zone_name(self.time_zone)}, UTC{utc_offset(self.starts)}"

    @property
    def text(self) -> str:
        """ "Monday 16 May 2022, 18:00–20:00 (Europe/London, UTC+01:00)"."""
        if self.starts.date() == self.ends.date():
            return _("%(day)s, %(start)s–%(end)s (%(zone)s)") % {
                "day": self.day,
                "start": self.start_time,
                "end": self.end_time,
                "zone": self.zone,
            }
        return _("%(day)s, %(start)s – %(end_day)s, %(end)s (%(zone)s)") % {
            "day": self.day,
            "start": self.start_time,
            "end_day": formats.date_format(self.ends, str(DAY_FORMAT)),
            "end": self.end_time,
            "zone": self.zone,
        }

    @property
    def starts_iso(self) -> str:
        """The start as a UTC instant, for the visitor's browser to show in their own zone."""
        return self.starts.astimezone(UTC).isoformat()

    @property
    def ends_iso(self) -> str:
        return self.ends.astimezone(UTC).isoformat()


def event_time(event: Event) -> EventTime:
    return EventTime(event.local(event.starts_at), event.local(event.ends_at), event.time_zone)


def local_moment(event: Event, instant: datetime) -> str:
    """Another moment of the event (registration opening, the join link opening) in its zone:
    "Monday 16 May 2022, 17:45 (Europe/London, UTC+01:00)"."""
    moment = event.local(instant)
    return _("%(day)s, %(time)s (%(zone)s)") % {
        "day": formats.date_format(moment, str(DAY_FORMAT)),
        "time": formats.date_format(moment, TIME_FORMAT),
        "zone": f"{zone_name(event.time_zone)}, UTC{utc_offset(moment)}",
    }


def language_names(codes: Iterable[str]) -> list[str]:
    """ "en,es" as "English, Spanish" in the page's language; a code Django does not know
    stays as it is."""
    names = []
    for code in codes:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(code)
    return names


def map_url(event: Event) -> str:
    """A plain OpenStreetMap search for the venue (a link, never an embedded map)."""
    address = (
        ", ".join(line.strip() for line in event.venue_address.splitlines() if line.strip())
        or event.venue_name
    )
    if not event.has_venue or not address:
        return ""
    return "https://www.openstreetmap.org/search?query=" + quote(address, safe="")
