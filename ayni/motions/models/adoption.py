"""Reports that a body took a motion, what it committed to, where it sent the motion on, and
the emails each report is due."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.private_files import private_storage
from ayni.core.validators import validate_plain_text, validate_single_line
from ayni.motions.enums import (
    AdoptionStatus,
    CommitmentKind,
    EmailKind,
    ForwardingState,
    Outcome,
)
from ayni.motions.models.bodies import Body
from ayni.motions.models.motion import Motion, MotionVersion
from ayni.supporters.outbox import ActionEmail, action_email_rules, email_kinds


class Adoption(models.Model):
    """One report that a body met and decided on a motion. Anyone may report; the reporter
    confirms their address (double opt-in) and a moderator verifies it. Only VERIFIED reports
    are public and counted; the reporter's name and address never are."""

    motion = models.ForeignKey(
        Motion, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("motion")
    )
    # The text the body had before it: kept when the motion gets a new version.
    version = models.ForeignKey(
        MotionVersion, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("version")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("body")
    )
    meeting_date = models.DateField(_("meeting date"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    votes_abstaining = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    # The text as passed, when amended: each section as the model's (paragraphs separated by
    # a blank line), in the report's language, compared paragraph by paragraph on the page.
    amended_notes = models.TextField(
        _("amended notes"), blank=True, validators=[validate_plain_text]
    )
    amended_believes = models.TextField(
        _("amended believes"), blank=True, validators=[validate_plain_text]
    )
    amended_resolves = models.TextField(
        _("amended resolves"), blank=True, validators=[validate_plain_text]
    )
    evidence_url = models.URLField(_("evidence (link)"), blank=True)
    # Minutes as PDF or an image: checked by content (ayni.motions.services.evidence), stored
    # under a random name outside MEDIA_ROOT (never public), only ever served as a download to
    # the back office.
    evidence_file = models.FileField(
        _("evidence (file)"), upload_to="motions/evidence/", blank=True, storage=private_storage
    )
    evidence_type = models.CharField(max_length=40, blank=True, editable=False)
    reporter_name = models.CharField(
        _("reporter's name"), max_length=120, validators=[validate_single_line]
    )
    reporter_email = models.EmailField(_("reporter's email"), max_length=254)
    email_normalised = models.CharField(max_length=254, editable=False)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=10, choices=AdoptionStatus.choices, default=AdoptionStatus.PENDING
    )
    # Sent to the reporter when a moderator rejects the report.
    rejection_reason = models.TextField(
        _("reason for rejecting"), blank=True, max_length=2000, validators=[validate_plain_text]
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_reports",
        verbose_name=_("merged into"),
    )
    ip_hash = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    supporter = models.ForeignKey(
        "supporters.Supporter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supporter"),
    )

    class Meta:
        ordering = ["-meeting_date", "-pk"]
        verbose_name = _("adoption report")
        verbose_name_plural = _("adoption reports")
        permissions = [
            ("moderate_adoptions", _("Can verify, reject and merge adoption reports")),
            ("export_adoptions", _("Can export adoption reports")),
        ]
        constraints = [
            # One meeting of one body is counted once: a second report of it is merged.
            models.UniqueConstraint(
                fields=["motion", "body", "meeting_date"],
                condition=Q(status=AdoptionStatus.VERIFIED),
                name="motions_adoption_counted_once",
            ),
            # One live report of a meeting per reporter: the same form sent twice at once
            # stores one report (ayni.motions.services.reporting).
            models.UniqueConstraint(
                fields=["motion", "body", "meeting_date", "email_normalised"],
                condition=Q(
                    status__in=[
                        AdoptionStatus.PENDING,
                        AdoptionStatus.SUBMITTED,
                        AdoptionStatus.VERIFIED,
                    ]
                )
                & ~Q(email_normalised=""),
                name="motions_adoption_once_per_reporter",
            ),
        ]
        indexes = [
            # The roll-up and the public table: a motion's verified reports.
            models.Index(
                fields=["motion", "status", "outcome"], name="motions_adoption_rollup_idx"
            ),
            models.Index(fields=["ip_hash", "created_at"], name="motions_adoption_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.body} · {self.meeting_date} · {self.get_outcome_display()}"

    def amended(self, section: str) -> str:
        return getattr(self, f"amended_{section}")


class Commitment(models.Model):
    """Something the body resolved to do (affiliate, donate £200, invite a speaker…)."""

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("adoption")
    )
    kind = models.CharField(_("commitment"), max_length=24, choices=CommitmentKind.choices)
    amount = models.DecimalField(
        _("amount"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    note = models.CharField(
        _("note"), max_length=200, blank=True, validators=[validate_single_line]
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["adoption", "kind"], name="motions_commitment_once"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Forwarding(models.Model):
    """An adoption that resolved to send the motion on: a submission to the parent body's
    meeting or conference, whose own adoption (`result`) continues the chain upwards."""

    adoption = models.OneToOneField(
        Adoption, on_delete=models.CASCADE, related_name="forwarding", verbose_name=_("from")
    )
    to_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="forwarded_to", verbose_name=_("sent to")
    )
    meeting = models.CharField(
        _("meeting or conference"), max_length=200, blank=True, validators=[validate_single_line]
    )
    deadline = models.DateField(_("deadline for motions"), null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=ForwardingState.choices,
        default=ForwardingState.SUBMITTED,
    )
    # The parent body's own verified report of the motion (ayni.motions.services.forwarding
    # links it when it is verified). Many branches may send the motion to one regional
    # conference, which hears them together: one adoption is the result of each of them.
    result = models.ForeignKey(
        Adoption,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forwarded_from",
        verbose_name=_("outcome there"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")
        indexes = [
            # A parent body's report, verified: the forwardings to it still waiting for it.
            models.Index(fields=["to_body", "state"], name="motions_forwarding_to_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.adoption.body} → {self.to_body}"


class AdoptionEmail(ActionEmail):
    """One email a report is due: the row is its own outbox (ayni.supporters.outbox). The
    confirmation has no key and may repeat; the rest carry a key and go once."""

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="emails", verbose_name=_("report")
    )
    kind, email_due = email_kinds(EmailKind, max_length=10)

    class Meta(ActionEmail.Meta):
        constraints, indexes = action_email_rules("adoption", prefix="motions_email")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.adoption_id}"
