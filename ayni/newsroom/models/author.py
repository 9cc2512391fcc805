"""Who writes the articles: a byline with a role, a short bio and a photo."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ayni.core.images import validate_image_upload
from ayni.core.models import Bilingual
from ayni.core.validators import validate_plain_text, validate_single_line


class Author(Bilingual, models.Model):
    """A writer. Their role stands beside their name in every byline ("NEU activist")."""

    name = models.CharField(
        _("name"), max_length=120, validators=[validate_plain_text, validate_single_line]
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    role_en = models.CharField(
        _("byline role (English)"),
        max_length=120,
        blank=True,
        validators=[validate_plain_text, validate_single_line],
        help_text=_("Beside the name in bylines, such as “NEU activist”."),
    )
    role_es = models.CharField(
        _("byline role (Spanish)"),
        max_length=120,
        blank=True,
        validators=[validate_plain_text, validate_single_line],
    )
    bio_en = models.TextField(
        _("short bio (English)"), max_length=600, blank=True, validators=[validate_plain_text]
    )
    bio_es = models.TextField(
        _("short bio (Spanish)"), max_length=600, blank=True, validators=[validate_plain_text]
    )
    photo = models.ImageField(
        _("photo"), upload_to="newsroom/authors/", blank=True, validators=[validate_image_upload]
    )
    photo_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            # A photo is described for who cannot see it: no photo without its description.
            models.CheckConstraint(
                condition=models.Q(photo="") | ~models.Q(photo_alt=""),
                name="newsroom_author_photo_described",
                violation_error_message=_("Describe the photo for people who cannot see it."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:author", kwargs={"slug": self.slug})

    @property
    def role(self) -> str:
        return self.text("role")

    @property
    def bio(self) -> str:
        return self.text("bio")
