"""An event, its hosts, its panel and its agenda."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, tzinfo

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ayni.core.images import validate_image_upload
from ayni.core.models import MARKDOWN_HELP, Bilingual
from ayni.core.validators import validate_markdown, validate_single_line
from ayni.events.enums import EventFormat, EventState, Role


def time_zones() -> list[tuple[str, str]]:
    """The IANA zones an event can be in, as choices (Europe/London, America/La_Paz…)."""
    names = sorted(name for name in zoneinfo.available_timezones() if "/" in name)
    return [(name, name.replace("_", " ")) for name in names]


class Host(models.Model):
    """An organisation that hosts or co-hosts events. Its `code` is the `?via=` of the links it
    shares, so registrations say which host brought them."""

    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    code = models.SlugField(
        _("link code"),
        max_length=40,
        unique=True,
        help_text=_("Used in the links this host shares: …?via=<code>."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = pgettext_lazy("event host", "host")
        verbose_name_plural = _("hosts")

    def __str__(self) -> str:
        return self.name


class Speaker(Bilingual, models.Model):
    """A person who speaks, chairs or interprets at events; their page lists their events."""

    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    affiliation = models.CharField(
        _("affiliation and title"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("For example: General Secretary, National Education Union."),
    )
    bio_en = models.TextField(_("short bio (English)"), blank=True, max_length=1500)
    bio_es = models.TextField(_("short bio (Spanish)"), blank=True, max_length=1500)
    photo = models.ImageField(
        _("photo"), upload_to="speakers/", blank=True, validators=[validate_image_upload]
    )
    photo_alt = models.CharField(
        _("photo description"), max_length=200, blank=True, validators=[validate_single_line]
    )
    links = models.TextField(
        _("links"), blank=True, help_text=_("Their pages elsewhere, one address per line.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:speaker", kwargs={"slug": self.slug})

    @property
    def bio(self) -> str:
        return self.text("bio")

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class Event(Bilingual, models.Model):
    """An event people register for. Times are stored as instants; `time_zone` is where the
    event happens, the zone its times are entered and shown in."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=EventState.choices, default=EventState.DRAFT
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    summary_en = models.CharField(
        _("summary (English)"), max_length=300, validators=[validate_single_line]
    )
    summary_es = models.CharField(
        _("summary (Spanish)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    description_en = models.TextField(
        _("description (English)"),
        blank=True,
        validators=[validate_markdown],
        help_text=MARKDOWN_HELP,
    )
    description_es = models.TextField(
        _("description (Spanish)"),
        blank=True,
        validators=[validate_markdown],
        help_text=MARKDOWN_HELP,
    )
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=time_zones, default="Europe/London"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(
        _("venue"), max_length=200, blank=True, validators=[validate_single_line]
    )
    venue_address = models.TextField(_("venue address"), blank=True, max_length=500)
    meeting_url = models.URLField(
        _("online meeting address"),
        max_length=500,
        blank=True,
        help_text=_(
            "Never shown on a public page: registrants reach it through their personal join link."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. When full, people join a waiting list."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the event ends."),
    )
    hosts = models.ManyToManyField(Host, blank=True, related_name="events", verbose_name=_("hosts"))
    languages = models.CharField(
        _("languages spoken"),
        max_length=100,
        blank=True,
        help_text=_("Language codes separated by commas, for example: en,es."),
    )
    interpretation = models.CharField(
        _("interpretation"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("For example: English ↔ Spanish."),
    )
    accessibility_en = models.TextField(
        _("accessibility (English)"),
        blank=True,
        max_length=1000,
        help_text=_("Captions, sign language, step-free access…"),
    )
    accessibility_es = models.TextField(_("accessibility (Spanish)"), blank=True, max_length=1000)
    image = models.ImageField(
        _("image"), upload_to="events/", blank=True, validators=[validate_image_upload]
    )
    image_alt = models.CharField(
        _("image description"), max_length=200, blank=True, validators=[validate_single_line]
    )
    # Raised whenever the time changes, so calendars replace the event (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    recording_url = models.URLField(
        _("recording"),
        max_length=500,
        blank=True,
        help_text=_("YouTube, PeerTube, Vimeo or any other address."),
    )
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    report_back_en = models.TextField(
        _("report-back (English)"),
        blank=True,
        validators=[validate_markdown],
        help_text=MARKDOWN_HELP,
    )
    report_back_es = models.TextField(
        _("report-back (Spanish)"),
        blank=True,
        validators=[validate_markdown],
        help_text=MARKDOWN_HELP,
    )
    follow_up_en = models.TextField(
        _("follow-up actions (English)"),
        blank=True,
        validators=[validate_markdown],
        help_text=MARKDOWN_HELP,
    )
    follow_up_es = models.TextField(
        _("follow-up actions (Spanish)"),
        blank=True,
        validators=[validate_markdown],
        help_text=MARKDOWN_HELP,
    )
    statements = models.ManyToManyField(
        "statements.Statement",
        blank=True,
        related_name="+",
        verbose_name=_("linked statements"),
    )
    report_back_published_at = models.DateTimeField(
        _("report-back published"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["state", "starts_at"], name="event_state_start_idx")]
        constraints = [
            # An event cannot end before it starts.
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
        ]
        permissions = [
            ("export_registrations", _("Can export registrations")),
            ("check_in_registrations", _("Can check people in at the door")),
            ("message_registrants", _("Can email all registrants")),
        ]

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def summary(self) -> str:
        return self.text("summary")

    @property
    def zone(self) -> tzinfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def is_public(self) -> bool:
        return self.state != EventState.DRAFT

    @property
    def has_venue(self) -> bool:
        return self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)


class Appearance(Bilingual, models.Model):
    """A speaker on an event's panel, in a role and an order."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("event")
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, related_name="appearances", verbose_name=_("speaker")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    key_points_en = models.TextField(
        _("key points (English)"),
        blank=True,
        validators=[validate_markdown],
        help_text=MARKDOWN_HELP,
    )
    key_points_es = models.TextField(
        _("key points (Spanish)"),
        blank=True,
        validators=[validate_markdown],
        help_text=MARKDOWN_HELP,
    )

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "speaker", "role"], name="appearance_once_per_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker} ({self.get_role_display()})"

    @property
    def key_points(self) -> str:
        return self.text("key_points")


class AgendaItem(Bilingual, models.Model):
    """A point on an event's agenda, at a time of day in the event's zone."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("event")
    )
    at = models.TimeField(_("time"))
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("speaker"),
    )

    class Meta:
        ordering = ["event", "at", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self) -> str:
        return f"{self.at:%H:%M} {self.title_en}"

    @property
    def title(self) -> str:
        return self.text("title")
