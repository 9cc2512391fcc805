from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ayni.supporters.consent import purpose_choices
from ayni.supporters.enums import ConsentMethod


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Supporter(models.Model):
    """One person, whatever they signed or registered for: keyed by the normalised email."""

    email = models.EmailField(_("email"), max_length=254)
    email_normalised = models.CharField(_("normalised email"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=120, blank=True)
    language = models.CharField(_("preferred language"), max_length=8, blank=True)
    country = CountryField(_("country"), blank=True)
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="supporters", verbose_name=_("tags")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("supporter")
        verbose_name_plural = _("supporters")

    def __str__(self) -> str:
        return self.name or self.email


class Consent(models.Model):
    """What a supporter agreed to, with the exact text they were shown, and when it ended."""

    supporter = models.ForeignKey(
        Supporter, on_delete=models.CASCADE, related_name="consents", verbose_name=_("supporter")
    )
    # Choices from a callable: an app declaring its own purpose needs no migration here.
    purpose = models.CharField(_("purpose"), max_length=40, choices=purpose_choices)
    text = models.TextField(_("text shown"))
    text_version = models.CharField(_("text version"), max_length=40)
    language = models.CharField(_("language"), max_length=8)
    method = models.CharField(_("how"), max_length=20, choices=ConsentMethod.choices)
    source = models.CharField(_("where"), max_length=200, blank=True)
    given_at = models.DateTimeField(_("given"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["supporter", "purpose"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.text_version})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
