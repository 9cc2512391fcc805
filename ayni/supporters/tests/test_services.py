"""Writes about supporters that every action shares (ayni.supporters.services)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone, translation

from ayni.supporters.consent import CONSENT_TEXTS
from ayni.supporters.enums import ConsentMethod, ConsentPurpose
from ayni.supporters.models import Consent
from ayni.supporters.services import record_consents, upsert_supporter

pytestmark = pytest.mark.django_db

SIGN, SHOW, UPDATES = (
    ConsentPurpose.STATEMENT_SIGNATURE,
    ConsentPurpose.SHOW_NAME,
    ConsentPurpose.CAMPAIGN_UPDATES,
)


def text_in(purpose: str, language: str) -> str:
    with translation.override(language):
        return str(CONSENT_TEXTS[purpose].text)


def test_record_consents_stores_each_purpose_word_for_word_at_one_moment():
    supporter = upsert_supporter(email="ana@example.org", name="Ana")
    other = upsert_supporter(email="bea@example.org", name="Bea")
    given_at = datetime(2031, 5, 16, 17, 0, tzinfo=UTC)

    consents = record_consents(
        supporter=supporter,
        purposes=[SIGN, UPDATES],
        language="es",
        source="statement:some-slug",
        given_at=given_at,
    )

    assert [c.pk for c in consents] == list(
        Consent.objects.order_by("pk").values_list("pk", flat=True)
    )
    rows = Consent.objects.order_by("pk").values_list(
        "supporter", "purpose", "text", "text_version", "language", "method", "source", "given_at"
    )
    assert list(rows) == [
        (
            supporter.pk,
            purpose,
            text_in(purpose, "es"),
            CONSENT_TEXTS[purpose].version,
            "es",
            ConsentMethod.WEB_FORM,
            "statement:some-slug",
            given_at,
        )
        for purpose in [SIGN, UPDATES]
    ]
    assert text_in(SIGN, "es") != text_in(SIGN, "en")  # the Spanish text, not the English one
    assert not Consent.objects.filter(supporter=other).exists()


def test_record_consents_without_a_moment_gives_them_all_the_same_now():
    supporter = upsert_supporter(email="ana@example.org")
    before = timezone.now()

    record_consents(
        supporter=supporter, purposes=[SIGN, SHOW, UPDATES], language="en", source="form"
    )

    moments = set(Consent.objects.values_list("given_at", flat=True))
    assert len(moments) == 1
    assert before <= moments.pop() <= timezone.now()


def test_record_consents_of_no_purpose_records_nothing():
    supporter = upsert_supporter(email="ana@example.org")

    assert record_consents(supporter=supporter, purposes=[], language="en", source="form") == []
    assert not Consent.objects.exists()
