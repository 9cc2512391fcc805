from django.db import models
from django.utils.translation import gettext_lazy as _

from ayni.supporters.consent import ConsentText


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class EventState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")
    FINISHED = "finished", _("Finished")


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SPEAKER = "speaker", _("Speaker")
    RESPONDENT = "respondent", _("Respondent")
    MODERATOR = "moderator", _("Moderator")
    INTERPRETER = "interpreter", _("Interpreter")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for email confirmation")
    CONFIRMED = "confirmed", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


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
