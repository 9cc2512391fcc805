"""The bodies a motion travels through: organisations and the tree of each one's bodies."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ayni.core.validators import validate_single_line
from ayni.motions.enums import BodyStatus, Level, OrganisationKind


class Organisation(models.Model):
    """A union, a party, a trades council, a confederation: the root of a tree of bodies."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, validators=[validate_single_line]
    )
    # The organisation's code in imports (CSV): stable across re-imports.
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.short_name or self.name


class Body(models.Model):
    """One body of an organisation that can meet and pass a motion: its national conference or
    executive, a region, a district, a branch. `path` and `region` are kept by the services
    (ayni.motions.services.bodies) whenever a body is added or moved, so the roll-up reads
    a subtree or a region without walking the tree."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="bodies",
        verbose_name=_("organisation"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent body"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    # What the organisation calls it: "Branch", "Constituency Labour Party", "Regional council".
    kind = models.CharField(_("type"), max_length=60, blank=True, validators=[validate_single_line])
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=Level.choices,
        validators=[MinValueValidator(Level.NATIONAL), MaxValueValidator(Level.WORKPLACE)],
    )
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # The organisation's own code for the body (imports match on it); "" for none.
    code = models.CharField(
        _("external code"), max_length=60, blank=True, validators=[validate_single_line]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BodyStatus.choices, default=BodyStatus.LISTED
    )
    # "/12/40/311/": the ids from the root down to this body, for reading a subtree.
    path = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    # The body's ancestor at the REGION level (itself if it is a region), for the roll-up.
    region = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["organisation", "level", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            # An import matches a body by its organisation's code for it: one body per code.
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=~Q(code=""),
                name="motions_body_code_unique",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=Level.NATIONAL) & Q(level__lte=Level.WORKPLACE),
                name="motions_body_level_known",
            ),
            # A body is not its own parent (longer cycles are refused by the services).
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="motions_body_not_own_parent"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "level"], name="motions_body_org_level_idx"),
        ]

    def __str__(self) -> str:
        return self.name
