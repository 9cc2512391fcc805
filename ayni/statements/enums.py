from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StatementState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("statement state", "Draft")
    OPEN = "open", pgettext_lazy("statement state", "Open")
    CLOSED = "closed", pgettext_lazy("statement state", "Closed")


class SignatureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for email confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("signature status", "Confirmed")
    WITHDRAWN = "withdrawn", pgettext_lazy("signature status", "Withdrawn")
    INVALIDATED = "invalidated", pgettext_lazy("signature status", "Invalidated")
    SUSPECT = "suspect", _("Held")


class SignerKind(models.TextChoices):
    INDIVIDUAL = "individual", _("As an individual")
    ORGANISATION = "organisation", _("On behalf of an organisation")


class EmailDue(models.TextChoices):
    NONE = "", _("Nothing to send")
    CONFIRM = "confirm", _("Confirmation request")
    ALREADY = "already", _("Already signed notice")


class HoldReason(models.TextChoices):
    NONE = "", _("Not held")
    RATE_LIMIT = "rate_limit", _("Over the rate limit")
    BLOCKED = "blocked", _("Blocked address or domain")


class SubmissionOutcome(models.TextChoices):
    """What the worker made of one sending of the sign form."""

    WAITING = "", _("Not processed yet")
    NEW = "new", _("New signature")
    NEW_VERSION = "version", _("New details for a pending signature")
    RESIGNED = "resigned", _("Signed again after withdrawing")
    ALREADY = "already", _("Already signed")
    HELD = "held", _("Held: over the rate limit")
    BLOCKED = "blocked", _("Held: blocked address or domain")
    IGNORED = "ignored", _("Ignored: signature invalidated or held")


class BlockKind(models.TextChoices):
    EMAIL = "email", _("Email address")
    DOMAIN = "domain", _("Email domain")
