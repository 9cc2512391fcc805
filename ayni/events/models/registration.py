"""Who registered for an event, and the emails each registration is due."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ayni.events.enums import EmailKind, RegistrationStatus
from ayni.events.models.event import Event, Host
from ayni.supporters.outbox import ActionEmail, action_email_rules, email_kinds


class Registration(models.Model):
    """One person's registration for one event. A place is taken when the address is
    confirmed (an unconfirmed form holds none), in confirmation order, up to the capacity;
    past it the registration waits, and a cancellation promotes the first waiting."""

    # Each registration form is an INSERT into every B-tree of this table, so none is kept
    # that another serves: the event's are the unique constraint's and the queue index's (both
    # start with it), and the two optional links are indexed only where set (see Meta).
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
        db_index=False,
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), max_length=254)
    email_normalised = models.CharField(_("normalised email"), max_length=254)
    country = CountryField(_("country"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    access_needs = models.TextField(_("access needs"), blank=True, max_length=1000)
    language = models.CharField(_("language"), max_length=8)
    wants_updates = models.BooleanField(_("wants campaign updates"), default=False)
    wants_report_back = models.BooleanField(_("wants the recording and report-back"), default=False)
    via = models.ForeignKey(
        Host,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("brought by"),
        db_index=False,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    ip_hash = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    # When the registration joined the waiting list: its place in the queue.
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    placed_at = models.DateTimeField(_("got a place"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    check_in_code = models.CharField(_("check-in code"), max_length=8, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    supporter = models.ForeignKey(
        "supporters.Supporter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supporter"),
        db_index=False,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One registration per person per event, whatever the spelling of the address.
            models.UniqueConstraint(
                fields=["event", "email_normalised"], name="registration_once_per_event"
            ),
            # The code read out at the door names one registration of the event.
            models.UniqueConstraint(
                fields=["event", "check_in_code"],
                condition=~Q(check_in_code=""),
                name="registration_check_in_code_unique",
            ),
        ]
        indexes = [
            # Places taken and the waiting list's order.
            models.Index(
                fields=["event", "status", "waitlisted_at"], name="registration_queue_idx"
            ),
            # A person's registrations (export, erasure), and who each host brought: only the
            # rows that have the link (a form has neither until it is confirmed, most no host).
            models.Index(
                fields=["supporter"],
                condition=Q(supporter__isnull=False),
                name="registration_supporter_idx",
            ),
            models.Index(
                fields=["via"], condition=Q(via__isnull=False), name="registration_via_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def has_place(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED


class EventMessage(models.Model):
    """An organiser's message to everyone registered (sent through the worker)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="messages", verbose_name=_("event")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=10000)
    include_waitlist = models.BooleanField(_("also to the waiting list"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")

    def __str__(self) -> str:
        return self.subject


class EventEmail(ActionEmail):
    """One email a registration is due: the row is its own outbox (ayni.supporters.outbox).

    The confirmation and the "registered already" notes have no key and may repeat (a person
    may ask twice); every other email has a key naming its occasion (the start time a
    reminder is for, a message's id), sent once per occasion however often it is scheduled."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="emails",
        verbose_name=_("registration"),
    )
    # Long enough for every kind ("report_back", "rescheduled").
    kind, email_due = email_kinds(EmailKind, max_length=12)
    # Indexed only where set (see Meta): most emails are not an organiser's message.
    message = models.ForeignKey(
        EventMessage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )

    class Meta(ActionEmail.Meta):
        constraints, indexes = action_email_rules(
            "registration",
            prefix="event_email",
            indexes=(
                models.Index(
                    fields=["message"],
                    condition=Q(message__isnull=False),
                    name="event_email_message_idx",
                ),
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.registration_id}"
