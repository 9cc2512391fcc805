from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ayni.core.images import validate_image_upload
from ayni.core.validators import (
    DEFAULT_ACCENT,
    validate_accent_colour,
    validate_markdown,
    validate_plain_text,
    validate_single_line,
)

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, [link](https://…), ## headings, - lists.")


class WorkerHeartbeat(models.Model):
    """A running worker says it is alive, so tasks claimed by a dead one can be run again."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=200, blank=True)
    pid = models.IntegerField(_("process"), default=0)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class PeriodicRun(models.Model):
    """When each periodic job last ran, shared by all workers so a job runs once per interval."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name


class SpentChallenge(models.Model):
    """A proof-of-work answer already used; kept until the challenge would have expired anyway."""

    challenge = models.CharField(max_length=128, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("used challenge")
        verbose_name_plural = _("used challenges")

    def __str__(self) -> str:
        return self.challenge[:16]


class Bilingual:
    """Texts people read in English and Spanish (`<field>_en`, `<field>_es`): `text()` picks the
    page's language and falls back to English; `bilingual_fields()` names the pairs for the
    back office's forms and fieldsets."""

    LANGUAGES = ("en", "es")  # the suffixes of each text's fields, in the order they are edited

    @classmethod
    def bilingual_fields(cls, *fields: str) -> list[str]:
        """`<field>_en`, `<field>_es` for each of `fields` in turn: ("title", "summary") gives
        title_en, title_es, summary_en, summary_es. A name the model lacks is an error now,
        where it is written, rather than when the page is opened."""
        names = [f"{field}_{language}" for field in fields for language in cls.LANGUAGES]
        for name in names:
            cls._meta.get_field(name)  # type: ignore[attr-defined]
        return names

    def text(self, field: str, language: str | None = None) -> str:
        """The field in the page's language, else in English."""
        language = (language or get_language() or "en")[:2]
        value = getattr(self, f"{field}_{language}", "") if language != "en" else ""
        return value or getattr(self, f"{field}_en")


class Campaign(Bilingual, models.Model):
    """Who this site speaks for: one row (pk=1), edited by organisers in the back office.

    Texts people read come in English and Spanish (`_en`/`_es`); `Campaign.text()` picks the
    page's language and falls back to English. Every change is logged by the admin (LogEntry).
    """

    name = models.CharField(
        _("campaign name"),
        max_length=100,
        default="ayni",
        validators=[validate_plain_text, validate_single_line],
    )
    description_en = models.CharField(
        _("one-line description (English)"), max_length=200, blank=True
    )
    description_es = models.CharField(
        _("one-line description (Spanish)"), max_length=200, blank=True
    )
    logo = models.ImageField(
        _("logo"), upload_to="campaign/", blank=True, validators=[validate_image_upload]
    )
    logo_alt = models.CharField(
        _("logo description"),
        max_length=200,
        blank=True,
        help_text=_("What the logo shows, for people who cannot see it."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[validate_accent_colour],
        help_text=_("A colour such as #b3261e. White text on it must be easy to read."),
    )
    about_en = models.TextField(
        _("about the campaign (English)"),
        blank=True,
        help_text=MARKDOWN_HELP,
        validators=[validate_markdown],
    )
    about_es = models.TextField(
        _("about the campaign (Spanish)"),
        blank=True,
        help_text=MARKDOWN_HELP,
        validators=[validate_markdown],
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    sender_name = models.CharField(
        _("sender name for emails"),
        max_length=100,
        blank=True,
        validators=[validate_plain_text, validate_single_line],
        help_text=_("Shown as who the emails come from. Leave empty to use the campaign name."),
    )
    sender_email = models.EmailField(
        _("sender address for emails"),
        blank=True,
        help_text=_("Leave empty to use the server's configured address (DEFAULT_FROM_EMAIL)."),
    )
    controller = models.TextField(
        _("data controller"),
        blank=True,
        help_text=_("Who is responsible for the personal data: name and postal address."),
    )
    controller_email = models.EmailField(_("data protection contact"), blank=True)
    legal_basis_en = models.TextField(
        _("legal basis (English)"), blank=True, validators=[validate_plain_text]
    )
    legal_basis_es = models.TextField(
        _("legal basis (Spanish)"), blank=True, validators=[validate_plain_text]
    )
    retention_en = models.TextField(
        _("how long data is kept (English)"), blank=True, validators=[validate_plain_text]
    )
    retention_es = models.TextField(
        _("how long data is kept (Spanish)"), blank=True, validators=[validate_plain_text]
    )
    mastodon = models.URLField(_("Mastodon"), blank=True)
    bluesky = models.URLField(_("Bluesky"), blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    x = models.URLField(_("X"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    telegram = models.URLField(_("Telegram"), blank=True)
    whatsapp = models.URLField(_("WhatsApp channel"), blank=True)
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaign")
        constraints = [
            # One campaign per site: the row is always pk=1.
            models.CheckConstraint(condition=models.Q(pk=1), name="campaign_single_row"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return self.text("description")

    @property
    def about(self) -> str:
        return self.text("about")


# The text index's rows live with its code (core/textindex/); imported so Django finds them.
from ayni.core.textindex.models import (  # noqa: E402, F401
    TextDocument,
    TextFloor,
    TextNeighbour,
    TextPosting,
    TextTerm,
)
