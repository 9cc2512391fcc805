"""A statement, its language versions and its notable signatories."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ayni.core.images import validate_image_upload
from ayni.statements.enums import StatementState


class Statement(models.Model):
    """A public statement or petition. Its language versions share one count and one wall."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=StatementState.choices, default=StatementState.DRAFT
    )
    goal = models.PositiveIntegerField(
        _("goal"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Optional number of signatures to aim for."),
    )
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("The statement closes itself at this time."),
    )
    image = models.ImageField(
        _("image"), upload_to="statements/", blank=True, validators=[validate_image_upload]
    )
    require_challenge = models.BooleanField(
        _("require proof-of-work challenge"),
        default=False,
        help_text=_(
            "Switch on when the statement is under attack: signers' browsers solve a small puzzle."
        ),
    )
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_(
            "The call to action the home page leads with. Featuring one unfeatures the others."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            # The home page leads with one statement: at most one row is featured.
            models.UniqueConstraint(
                fields=["featured"],
                condition=models.Q(featured=True),
                name="statement_one_featured",
            ),
        ]
        permissions = [
            ("invalidate_signatures", _("Can invalidate signatures in bulk")),
            ("export_signatures", _("Can export signatures")),
        ]

    def __str__(self) -> str:
        """Its title in its default language (what the back office's messages and History call
        it), else its address. One query unless the translations are prefetched."""
        titles = {t.language: t.title for t in self.translations.all()}
        return titles.get(self.default_language) or next(iter(titles.values()), self.slug)

    def get_absolute_url(self) -> str:
        return reverse("statements:detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        if self.state != StatementState.OPEN:
            return False
        return self.deadline is None or self.deadline > timezone.now()

    @property
    def closed_on(self) -> datetime | None:
        """When it stopped taking signatures (closed, or its deadline passed); None while open."""
        if self.is_open or self.state == StatementState.DRAFT:
            return None
        if self.state == StatementState.CLOSED and self.closed_at:
            return self.closed_at
        return self.deadline

    @property
    def is_public(self) -> bool:
        return self.state != StatementState.DRAFT


class StatementTranslation(models.Model):
    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("statement"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two sentences, shown in shared links.")
    )
    body = models.TextField(_("full text"), help_text=_("Markdown. HTML is removed."))
    target = models.CharField(
        _("addressed to"),
        max_length=200,
        blank=True,
        help_text=_("Who the statement is addressed to."),
    )
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "language"], name="statement_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class NotableSignatory(models.Model):
    """Someone whose name carries weight (an MP, a general secretary), entered by organisers."""

    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="notables", verbose_name=_("statement")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("role and organisation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("notable signatory")
        verbose_name_plural = _("notable signatories")

    def __str__(self) -> str:
        return self.name
