"""Stand-ins for what other parts of the events app bring (platform.py's consent texts, the
URL names of urls.py), until they are merged: each fixture does nothing once the real thing
is there. Used by ayni/events/tests/conftest.py and tests/test_event_concurrency.py."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from ayni.core import registry
from ayni.events.enums import REGISTRATION_CONSENT, REPORT_BACK_CONSENT


@pytest.fixture(autouse=True)
def events_consent_texts(monkeypatch):
    """The events' consent texts, as platform.py declares them (a stand-in until it exists)."""
    declared = registry.consent_texts()
    if REGISTRATION_CONSENT.purpose in declared:
        return
    texts = {
        **declared,
        REGISTRATION_CONSENT.purpose: REGISTRATION_CONSENT,
        REPORT_BACK_CONSENT.purpose: REPORT_BACK_CONSENT,
    }
    monkeypatch.setattr(registry, "consent_texts", lambda: texts)


@pytest.fixture(autouse=True)
def events_urls(settings):
    """The events' URL names, answered by a stand-in until the app's urls.py is in place."""
    try:
        reverse("events:confirm", kwargs={"token": "x"})
    except NoReverseMatch:
        settings.ROOT_URLCONF = "ayni.events.tests.urls_standin"  # the caches follow
