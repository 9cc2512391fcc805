"""Who signed: the sign form's submissions and the one signature per address they fold into."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ayni.statements.enums import (
    EmailDue,
    HoldReason,
    SignatureStatus,
    SignerKind,
    SubmissionOutcome,
)
from ayni.statements.models.statement import Statement
from ayni.supporters.outbox import EmailOutbox, outbox_index


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
    # The email's outbox (the other fields are EmailOutbox's): processing sets email_due, with
    # which email is due; the supporters' outbox machinery queues, claims, sends and clears it.
    email_due = models.CharField(
        _("email due"), max_length=10, choices=EmailDue.choices, blank=True, default=""
    )

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
            outbox_index("submission_email_outbox_idx"),
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
