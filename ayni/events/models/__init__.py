"""Events, the people on their panels, and the registrations of those who come."""

from ayni.events.models.event import AgendaItem, Appearance, Event, Host, Speaker, time_zones
from ayni.events.models.registration import EventEmail, EventMessage, Registration

__all__ = [
    "AgendaItem",
    "Appearance",
    "Event",
    "EventEmail",
    "EventMessage",
    "Host",
    "Registration",
    "Speaker",
    "time_zones",
]
