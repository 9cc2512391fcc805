from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ayni.supporters.consent import ConsentText

# Labels that agree in gender with what they describe (in Spanish an event is masculine, a
# registration feminine) or that name something else elsewhere (a back-office Moderator) carry
# a message context, so each reads right: "Cancelado" for an event, "Cancelada" for a
# registration.


class EventFormat(models.TextChoices):
    ONLINE = "online", pgettext_lazy("event format", "Online")
    IN_PERSON = "in_person", pgettext_lazy("event format", "In person")
    HYBRID = "hybrid", pgettext_lazy("event format", "Hybrid")


class EventState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event state", "Draft")
    PUBLISHED = "published", pgettext_lazy("event state", "Published")
    POSTPONED = "postponed", pgettext_lazy("event state", "Postponed")
    CANCELLED = "cancelled", pgettext_lazy("event state", "Cancelled")
    FINISHED = "finished", pgettext_lazy("event state", "Finished")


class Role(models.TextChoices):
    CHAIR = "chair", pgettext_lazy("panel role", "Chair")
    SPEAKER = "speaker", pgettext_lazy("panel role", "Speaker")
    RESPONDENT = "respondent", pgettext_lazy("panel role", "Respondent")
    MODERATOR = "moderator", pgettext_lazy("panel role", "Moderator")
    INTERPRETER = "interpreter", pgettext_lazy("panel role", "Interpreter")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for email confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Registered")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class EmailKind(models.TextChoices):
    """The emails a registration can be due. Those sent once per occasion carry a `key`
    (the start time a reminder is for, the message id…); a unique constraint keeps them once."""

    CONFIRM = "confirm", _("Confirm your address")
    AGAIN = "again", _("Registered already")
    CONFIRMED = "confirmed", _("Registration confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    PROMOTED = "promoted", _("A place for you")
    REMINDER = "reminder", _("Reminder")
    POSTPONED = "postponed", _("Event postponed")
    RESCHEDULED = "rescheduled", _("Time changed")
    CANCELLED = "cancelled", _("Event cancelled")
    REPORT_BACK = "report_back", _("Recording and report-back")
    MESSAGE = "message", _("Message from the organisers")


# What a registrant agrees to (declared to the supporters' consent records in platform.py).
REGISTRATION_CONSENT = ConsentText(
    purpose="event_registration",
    version="2026-11-v1",
    text=_(
        "We keep your name, email address, country, organisation and access needs to register "
        "you for this event, send you your joining details and reminders, and count who came. "
        "You can cancel, see your data or have it erased at any time through the link in our "
        "emails."
    ),
    label=_("Register for an event"),
)
REPORT_BACK_CONSENT = ConsentText(
    purpose="event_report_back",
    version="2026-11-v1",
    text=_("Email me the recording and the report-back after the event."),
    label=_("Recording and report-back of an event"),
)
