"""What every bilingual model shares (ayni.core.models.Bilingual)."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation

from ayni.core.models import Campaign


def test_bilingual_fields_names_each_text_in_english_then_spanish_in_turn():
    assert Campaign.bilingual_fields("legal_basis", "retention") == [
        "legal_basis_en",
        "legal_basis_es",
        "retention_en",
        "retention_es",
    ]


def test_bilingual_fields_refuses_a_text_the_model_lacks():
    with pytest.raises(FieldDoesNotExist):
        Campaign.bilingual_fields("about", "motto")


def test_text_reads_the_pages_language_and_falls_back_to_english():
    campaign = Campaign(about_en="In English", about_es="")

    with translation.override("es"):
        assert campaign.text("about") == "In English"
        campaign.about_es = "En español"
        assert campaign.text("about") == "En español"
    assert campaign.text("about", language="en") == "In English"
