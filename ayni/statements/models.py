from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ayni.statements.enums import EmailDue, SignatureStatus, SignerKind, StatementState


class Statement(models.Model):
    """A public statement or petition. Its language versions share one count and one wall."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=StatementState.choices, default=StatementState.DRAFT
    )
    goal = models.PositiveIntegerField(
        _("goal"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Optional number of signatures to aim for."),
    )  # fmt: skip
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("The statement closes itself at this time."),
    )
    image = models.ImageField(_("image"), upload_to="statements/", blank=True)
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        permissions = [
            ("invalidate_signatures", _("Can invalidate signatures in bulk")),
            ("export_signatures", _("Can export signatures")),
        ]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("statements:detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        if self.state != StatementState.OPEN:
            return False
        return self.deadline is None or self.deadline > timezone.now()

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


class Signature(models.Model):
    """One person's (or organisation's) name on a statement.

    Signing and confirming write only this row. `counted` says whether the tallies
    include it; `tally_dirty` marks it for the roll-up job, which moves the tallies
    and clears the flag in one transaction.
    """

    # Every signing is an INSERT into each of this table's indexes, so it has no index that
    # another already covers: the unique (statement, email) constraint serves lookups by
    # statement, and the two optional links are indexed only where set (see Meta).
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="signatures",
        verbose_name=_("statement"), db_index=False,
    )  # fmt: skip
    supporter = models.ForeignKey(
        "supporters.Supporter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("supporter"),
        db_index=False,
    )
    kind = models.CharField(
        _("signing"), max_length=12, choices=SignerKind.choices, default=SignerKind.INDIVIDUAL
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), max_length=254)
    email_normalised = models.CharField(_("normalised email"), max_length=254)
    email_domain = models.CharField(_("email domain"), max_length=254, db_index=True)
    country = CountryField(_("country"))
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    show_publicly = models.BooleanField(_("show name publicly"), default=False)
    wants_updates = models.BooleanField(_("wants campaign updates"), default=False)
    language = models.CharField(_("language"), max_length=8)
    ip_hash = models.CharField(_("IP hash"), max_length=32, blank=True, db_index=True)
    consent_version = models.CharField(_("consent text version"), max_length=40)

    status = models.CharField(
        _("status"), max_length=12, choices=SignatureStatus.choices, default=SignatureStatus.PENDING
    )
    created_at = models.DateTimeField(_("signed"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    invalidation = models.ForeignKey(
        "Invalidation", on_delete=models.SET_NULL, null=True, blank=True, related_name="signatures",
        verbose_name=_("invalidated by"), db_index=False,
    )  # fmt: skip

    counted = models.BooleanField(_("counted"), default=False)
    tally_dirty = models.BooleanField(_("waiting for roll-up"), default=False)

    email_due = models.CharField(
        _("email due"), max_length=10, choices=EmailDue.choices, blank=True, default=""
    )
    email_due_at = models.DateTimeField(_("email due since"), null=True, blank=True)
    # The row is the email's outbox: signing sets email_due; the dispatcher (a periodic job)
    # puts due rows on the queue and sets email_queued_at; sending clears all three.
    email_queued_at = models.DateTimeField(_("email queued"), null=True, blank=True)
    email_claimed_at = models.DateTimeField(_("email being sent since"), null=True, blank=True)
    emails_sent = models.PositiveSmallIntegerField(_("emails sent"), default=0)
    last_emailed_at = models.DateTimeField(_("last emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "email_normalised"], name="signature_one_per_person"
            ),
        ]
        indexes = [
            # The public wall, newest first, keyset-paginated.
            models.Index(
                fields=["statement", "kind", "-confirmed_at", "-id"],
                condition=Q(status="confirmed", show_publicly=True),
                name="signature_wall_idx",
            ),
            models.Index(
                fields=["tally_dirty"], condition=Q(tally_dirty=True), name="signature_dirty_idx"
            ),
            # The email outbox: the dispatcher reads the unqueued rows (email_queued_at IS NULL)
            # oldest first; the sweep reads rows queued long ago. One index for both, so that
            # signing updates one index for it, not two.
            models.Index(
                fields=["email_queued_at", "email_due_at"],
                condition=~Q(email_due=""),
                name="signature_email_outbox_idx",
            ),
            models.Index(
                fields=["statement", "ip_hash", "created_at"], name="signature_ip_recent_idx"
            ),
            models.Index(
                fields=["statement", "email_domain", "created_at"],
                name="signature_domain_recent_idx",
            ),
            models.Index(fields=["statement", "status", "created_at"], name="signature_status_idx"),
            models.Index(
                fields=["supporter"],
                condition=Q(supporter__isnull=False),
                name="signature_supporter_idx",
            ),
            models.Index(
                fields=["invalidation"],
                condition=Q(invalidation__isnull=False),
                name="signature_invalidation_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.statement_id}"


class StatementTally(models.Model):
    """Rolled-up totals for one statement; written only by the roll-up job."""

    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, related_name="tally", primary_key=True
    )
    total = models.PositiveIntegerField(_("confirmed signatures"), default=0)
    organisations = models.PositiveIntegerField(_("organisations"), default=0)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.total}"


class CountryTally(models.Model):
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="country_tallies"
    )
    country = CountryField(_("country"))
    count = models.IntegerField(_("signatures"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "country"], name="country_tally_unique")
        ]
        ordering = ["-count"]

    def __str__(self) -> str:
        return f"{self.country}: {self.count}"


class DayTally(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="day_tallies")
    day = models.DateField(_("day"))
    count = models.IntegerField(_("signatures"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "day"], name="day_tally_unique")
        ]
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"


class Invalidation(models.Model):
    """A logged bulk invalidation: which condition, how many, who, why."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="invalidations")
    criteria = models.JSONField(_("condition"))
    affected = models.PositiveIntegerField(_("signatures invalidated"))
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invalidation")
        verbose_name_plural = _("invalidations")

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.affected} ({self.created_at:%Y-%m-%d})"


class CountDrift(models.Model):
    """What the nightly reconciliation found different from COUNT(*) and corrected."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="drifts")
    scope = models.CharField(_("what"), max_length=40)
    expected = models.IntegerField(_("counted rows"))
    found = models.IntegerField(_("tally before correction"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("count correction")
        verbose_name_plural = _("count corrections")

    def __str__(self) -> str:
        return f"{self.statement_id} {self.scope}: {self.found} → {self.expected}"
