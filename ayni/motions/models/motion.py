"""Model motions and their versions over time."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.models import Bilingual
from ayni.core.validators import validate_markdown, validate_plain_text, validate_single_line
from ayni.motions.enums import CommitmentKind, MotionState, Section


class Motion(Bilingual, models.Model):
    """A model motion branches are asked to pass. Its text lives in its versions; the page
    shows the latest published one, and each adoption keeps the version it used."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title_en = models.CharField(
        _("title (English)"), max_length=200, validators=[validate_single_line]
    )
    title_es = models.CharField(
        _("title (Spanish)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    # For the members who will vote: why it matters, in a few lines (Markdown).
    explanation_en = models.TextField(
        _("explanation for members (English)"), blank=True, validators=[validate_markdown]
    )
    explanation_es = models.TextField(
        _("explanation for members (Spanish)"), blank=True, validators=[validate_markdown]
    )
    state = models.CharField(
        _("state"), max_length=10, choices=MotionState.choices, default=MotionState.DRAFT
    )
    # The motion the home page shows (one at a time; the services keep it so).
    featured = models.BooleanField(_("featured on the home page"), default=False)
    # What the motion asks a body to commit to: CommitmentKind values, comma-separated.
    suggested_commitments = models.CharField(_("suggested commitments"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("motions:detail", kwargs={"slug": self.slug})

    @property
    def commitment_kinds(self) -> list[str]:
        known = set(CommitmentKind.values)
        return [k for k in self.suggested_commitments.split(",") if k in known]


class MotionVersion(Bilingual, models.Model):
    """The motion's text at one time, in English and Spanish. Each section is paragraphs
    separated by a blank line, numbered on the page; a published version is never edited
    (a change is a new version), so an adoption's version says what was passed."""

    motion = models.ForeignKey(
        Motion, on_delete=models.CASCADE, related_name="versions", verbose_name=_("motion")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    notes_en = models.TextField(_("notes (English)"), validators=[validate_plain_text])
    notes_es = models.TextField(_("notes (Spanish)"), blank=True, validators=[validate_plain_text])
    believes_en = models.TextField(_("believes (English)"), validators=[validate_plain_text])
    believes_es = models.TextField(
        _("believes (Spanish)"), blank=True, validators=[validate_plain_text]
    )
    resolves_en = models.TextField(_("resolves (English)"), validators=[validate_plain_text])
    resolves_es = models.TextField(
        _("resolves (Spanish)"), blank=True, validators=[validate_plain_text]
    )
    # What changed from the version before (shown in the version history).
    change_note = models.CharField(
        _("what changed"), max_length=300, blank=True, validators=[validate_single_line]
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["motion", "-number"]
        verbose_name = _("motion version")
        verbose_name_plural = _("motion versions")
        constraints = [
            models.UniqueConstraint(fields=["motion", "number"], name="motions_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.motion} — v{self.number}"

    def paragraphs(self, section: str, language: str | None = None) -> list[str]:
        """The section's paragraphs in the language (falling back to English)."""
        text = self.text(section, language)
        return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]

    def sections(self, language: str | None = None) -> list[tuple[str, list[str]]]:
        """(section, its paragraphs) in reading order."""
        return [(section, self.paragraphs(section, language)) for section in Section.values]
