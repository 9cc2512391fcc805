from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ayni.core.images import validate_image_upload
from ayni.statements.enums import (
    BlockKind,
    EmailDue,
    HoldReason,
    SignatureStatus,
    SignerKind,
    StatementState,
    SubmissionOutcome,
)
from ayni.supporters.outbox import EmailOutbox


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
        return self.slug

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


class SignerDetails(models.Model):
    """What the sign form asks for: each Submission holds it as sent, and a Signature holds the
    details of the submission whose link confirmed it (services.signing.DETAIL_FIELDS)."""

    kind = models.CharField(
        _("signing"), max_length=12, choices=SignerKind.choices, default=SignerKind.INDIVIDUAL
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), max_length=254)
    email_normalised = models.CharField(_("normalised email"), max_length=254)
    country = CountryField(_("country"))
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    show_publicly = models.BooleanField(_("show name publicly"), default=False)
    wants_updates = models.BooleanField(_("wants campaign updates"), default=False)
    language = models.CharField(_("language"), max_length=8)
    consent_version = models.CharField(_("consent text version"), max_length=40)

    class Meta:
        abstract = True


class Signature(SignerDetails):
    """One person's (or organisation's) name on a statement: one row per mailbox.

    The worker makes it from the first Submission for the address; its details are those of
    the submission whose link confirmed it (until then, the first one's). `counted` says
    whether the tallies include it; `tally_dirty` marks it for the roll-up job, which moves the
    tallies and clears the flag in one transaction.
    """

    # No index that another already covers: the unique (statement, email) constraint serves
    # lookups by statement, and the two optional links are indexed only where set (see Meta).
    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("statement"),
        db_index=False,
    )
    supporter = models.ForeignKey(
        "supporters.Supporter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("supporter"),
        db_index=False,
    )
    email_domain = models.CharField(_("email domain"), max_length=254, db_index=True)
    ip_hash = models.CharField(_("IP hash"), max_length=32, blank=True, db_index=True)

    status = models.CharField(
        _("status"), max_length=12, choices=SignatureStatus.choices, default=SignatureStatus.PENDING
    )
    created_at = models.DateTimeField(_("signed"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    invalidation = models.ForeignKey(
        "Invalidation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("invalidated by"),
        db_index=False,
    )

    counted = models.BooleanField(_("counted"), default=False)
    tally_dirty = models.BooleanField(_("waiting for roll-up"), default=False)
    # A row the roll-up could not apply without taking a tally below zero: its `counted` flag
    # no longer says what the tallies hold, so it stays out of every roll-up until the
    # reconciliation recounts from the rows and clears this.
    set_aside_at = models.DateTimeField(_("set aside for reconciliation"), null=True, blank=True)
    set_aside_reason = models.CharField(
        _("count it would take below zero"), max_length=80, blank=True
    )

    hold_reason = models.CharField(
        _("held because"), max_length=12, choices=HoldReason.choices, blank=True, default=""
    )
    # Links in emails name a Submission; those made for a submission older than this one no
    # longer work (a confirmation, or signing again after a withdrawal, supersedes them).
    links_from = models.PositiveBigIntegerField(_("links valid from submission"), default=0)
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
            models.Index(fields=["statement", "ip_hash"], name="signature_ip_idx"),
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
            # Set-aside rows are rare: the dashboard counts them and reconciliation finds them
            # through this index, which costs signing nothing (new rows are never set aside).
            models.Index(
                fields=["statement", "set_aside_at"],
                condition=Q(set_aside_at__isnull=False),
                name="signature_set_aside_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.statement_id}"

    @property
    def is_erased(self) -> bool:
        """Anonymised at the signer's request (see services.rights)."""
        return self.email.endswith("@invalid") and not self.name


class Submission(SignerDetails, EmailOutbox):
    """One sending of the sign form, exactly as submitted: the inbox and the email's outbox.

    Signing is one INSERT here and nothing else, whatever the address has done before, so the
    answer takes the same time for a new, a repeat and a blocked address. The worker folds each
    submission into the address's one Signature (`process_submissions`) and decides what it is
    due: a confirmation, an already-signed notice, or nothing (held, blocked, invalidated).
    Every email link names its submission, so a link records what was submitted with it and
    nothing a later stranger typed.
    """

    # The rate limit reads by (statement, ip_hash, created_at); that index serves the statement.
    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("statement"),
        db_index=False,
    )
    signature = models.ForeignKey(
        Signature,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("signature"),
        db_index=False,
    )
    ip_hash = models.CharField(_("IP hash"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)

    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=SubmissionOutcome.choices, blank=True, default=""
    )
    # The email's outbox: processing sets email_due; the dispatcher queues due rows and sets
    # email_queued_at; sending clears all three and records emailed_at.
    email_due = models.CharField(
        _("email due"), max_length=10, choices=EmailDue.choices, blank=True, default=""
    )
    email_due_at = models.DateTimeField(_("email due since"), null=True, blank=True)
    email_queued_at = models.DateTimeField(_("email queued"), null=True, blank=True)
    email_claimed_at = models.DateTimeField(_("email being sent since"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        indexes = [
            # The inbox: rows the worker has not folded into a signature yet.
            models.Index(
                fields=["id"], condition=Q(processed_at__isnull=True), name="submission_inbox_idx"
            ),
            # The per-IP rate limit.
            models.Index(
                fields=["statement", "ip_hash", "created_at"], name="submission_ip_recent_idx"
            ),
            # The email outbox: the dispatcher reads unqueued rows oldest first, the sweep rows
            # queued long ago; only rows with an email due are in it.
            models.Index(
                fields=["email_queued_at", "email_due_at"],
                condition=~Q(email_due=""),
                name="submission_email_outbox_idx",
            ),
            models.Index(
                fields=["signature"],
                condition=Q(signature__isnull=False),
                name="submission_signature_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email_normalised} → {self.statement_id} #{self.pk}"

    @property
    def links_live(self) -> bool:
        """Its emailed links still work: no confirmation or re-signing since superseded them."""
        return self.signature is not None and self.pk >= self.signature.links_from


class Block(models.Model):
    """An address or a domain whose new signatures are held silently (one statement or all)."""

    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="blocks",
        verbose_name=_("statement"),
        help_text=_("Leave empty to block on every statement."),
    )
    kind = models.CharField(_("what"), max_length=8, choices=BlockKind.choices)
    value = models.CharField(
        _("address or domain"),
        max_length=254,
        help_text=_("An email address, or a domain (which also covers its subdomains)."),
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            # One block per address or domain and scope; a site-wide block has no statement,
            # and NULLs are distinct in a unique constraint, hence the two conditions.
            models.UniqueConstraint(
                fields=["statement", "kind", "value"],
                condition=Q(statement__isnull=False),
                name="block_unique_per_statement",
            ),
            models.UniqueConstraint(
                fields=["kind", "value"],
                condition=Q(statement__isnull=True),
                name="block_unique_site_wide",
            ),
        ]

    def __str__(self) -> str:
        return self.value


class StatementTally(models.Model):
    """Rolled-up totals for one statement; written only by the roll-up job.

    Both figures are positive integer fields, so the database refuses a value below zero.
    """

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
            models.UniqueConstraint(fields=["statement", "country"], name="country_tally_unique"),
            # A count below zero is an impossible state: the roll-up sets aside a row that would
            # cause one rather than write it, and the database refuses it should anything try.
            models.CheckConstraint(condition=Q(count__gte=0), name="country_tally_not_negative"),
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
            models.UniqueConstraint(fields=["statement", "day"], name="day_tally_unique"),
            # As for CountryTally: never below zero.
            models.CheckConstraint(condition=Q(count__gte=0), name="day_tally_not_negative"),
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
