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
    SUSPECT = "suspect", _("Held: over the rate limit")


class SignerKind(models.TextChoices):
    INDIVIDUAL = "individual", _("As an individual")
    ORGANISATION = "organisation", _("On behalf of an organisation")


class EmailDue(models.TextChoices):
    NONE = "", _("Nothing to send")
    CONFIRM = "confirm", _("Confirmation request")
    ALREADY = "already", _("Already signed notice")
