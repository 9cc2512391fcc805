"""The motions' choices. Labels that agree in gender with what they describe (in Spanish a
motion and an adoption are feminine, a body masculine) carry a message context."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ayni.supporters.consent import ConsentText


class OrganisationKind(models.TextChoices):
    UNION = "union", _("Trade union")
    PARTY = "party", _("Political party")
    TRADES_COUNCIL = "trades_council", _("Trades council")
    CONFEDERATION = "confederation", _("Confederation of unions")
    CAMPAIGN = "campaign", _("Campaign or association")
    OTHER = "other", pgettext_lazy("organisation kind", "Other")


class Level(models.IntegerChoices):
    """Where a body stands in its organisation's tree, from the top. The numbers order the
    levels; a body's parent is always at a smaller number."""

    NATIONAL = 1, _("National")
    REGION = 2, _("Region or nation")
    DISTRICT = 3, _("District or constituency")
    BRANCH = 4, _("Branch")
    WORKPLACE = 5, _("Workplace or section")


class BodyStatus(models.TextChoices):
    LISTED = "listed", pgettext_lazy("body status", "Listed")
    # Proposed by a member of the public while reporting; a moderator lists or refuses it.
    PROPOSED = "proposed", pgettext_lazy("body status", "Proposed")
    REFUSED = "refused", pgettext_lazy("body status", "Refused")


class MotionState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("motion state", "Draft")
    PUBLISHED = "published", pgettext_lazy("motion state", "Published")
    ARCHIVED = "archived", pgettext_lazy("motion state", "Archived")


class Section(models.TextChoices):
    """The parts of a motion's text, in the order they are read."""

    NOTES = "notes", pgettext_lazy("motion section", "This branch notes")
    BELIEVES = "believes", pgettext_lazy("motion section", "This branch believes")
    RESOLVES = "resolves", pgettext_lazy("motion section", "This branch resolves")


class CommitmentKind(models.TextChoices):
    AFFILIATE = "affiliate", _("Affiliate to the campaign")
    DONATE = "donate", _("Donate")
    INVITE_SPEAKER = "invite_speaker", _("Invite a speaker")
    SEND_DELEGATES = "send_delegates", _("Send delegates")
    FORWARD = "forward", _("Forward the motion to the next level")
    WRITE_REPRESENTATIVE = "write_representative", _("Write to an elected representative")


class Outcome(models.TextChoices):
    PASSED = "passed", pgettext_lazy("motion outcome", "Passed")
    AMENDED = "amended", pgettext_lazy("motion outcome", "Passed with amendments")
    REJECTED = "rejected", pgettext_lazy("motion outcome", "Rejected")
    REMITTED = "remitted", pgettext_lazy("motion outcome", "Remitted")
    REFERRED = "referred", pgettext_lazy("motion outcome", "Referred")
    WITHDRAWN = "withdrawn", pgettext_lazy("motion outcome", "Withdrawn")


# The outcomes that count as the body having adopted the motion.
ADOPTED = (Outcome.PASSED, Outcome.AMENDED)


class AdoptionStatus(models.TextChoices):
    """A report's way from the form to the roll-up: only VERIFIED reports are public and
    counted."""

    PENDING = "pending", _("Waiting for email confirmation")
    SUBMITTED = "submitted", _("Waiting for a moderator")
    VERIFIED = "verified", pgettext_lazy("adoption status", "Verified")
    REJECTED = "rejected", pgettext_lazy("adoption status", "Rejected")
    # A second report of a meeting reported already: folded into the first.
    MERGED = "merged", pgettext_lazy("adoption status", "Merged into another report")


class ForwardingState(models.TextChoices):
    """A motion sent on to the parent body's meeting or conference, and what became of it."""

    SUBMITTED = "submitted", pgettext_lazy("forwarding state", "Submitted")
    HEARD = "heard", pgettext_lazy("forwarding state", "Heard (outcome reported)")
    LAPSED = "lapsed", pgettext_lazy("forwarding state", "Not heard")


class EmailKind(models.TextChoices):
    """The emails a report can be due (the confirmation may repeat; the rest once each)."""

    CONFIRM = "confirm", _("Confirm your address")
    AGAIN = "again", _("Reported already")
    RECEIVED = "received", _("Report received")
    VERIFIED = "verified", _("Report verified")
    REJECTED = "rejected", _("Report not accepted")


EVIDENCE_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
}


# What a reporter agrees to (declared to the supporters' consent records in platform.py).
ADOPTION_REPORT_CONSENT = ConsentText(
    purpose="motion_adoption_report",
    version="2026-11-v1",
    text=_(
        "We keep your name and email address to check this report with you and tell you when "
        "it is verified; they are never shown on the site. The body, the meeting and what it "
        "decided are published once a moderator has verified them. You can see your data or "
        "have it erased at any time through the link in our emails."
    ),
    label=_("Report a motion's adoption"),
)
