"""Events' test set-up."""

from ayni.events.tests.standins import events_consent_texts, events_urls

__all__ = ["events_consent_texts", "events_urls"]
