"""The register form and the list's filters: what they accept, what they refuse, how they
normalise."""

from __future__ import annotations

import pytest

from ayni.events.enums import EventFormat
from ayni.events.forms import EventFilterForm, RegisterForm
from ayni.events.tests.page_builders import make_event, make_host

pytestmark = pytest.mark.django_db

GOOD = {"name": "Ana Mamani", "email": "ana@example.org"}


def test_the_least_a_registrant_gives_is_a_name_and_an_address():
    form = RegisterForm(GOOD)

    assert form.is_valid(), form.errors
    assert form.registration == {
        "name": "Ana Mamani",
        "email": "ana@example.org",
        "country": "",
        "organisation": "",
        "access_needs": "",
        "wants_report_back": False,
        "wants_updates": False,
        "via": None,
    }


def test_names_and_organisations_are_tidied():
    form = RegisterForm(
        {
            **GOOD,
            "name": "  Ana \u200b  Mamani ",
            "organisation": " Miners'\t Union ",
            "access_needs": "  Captions \n",
        }
    )

    assert form.is_valid(), form.errors
    assert (
        form.cleaned_data["name"],
        form.cleaned_data["organisation"],
        form.cleaned_data["access_needs"],
    ) == ("Ana Mamani", "Miners' Union", "Captions")


def test_the_via_code_names_a_host_or_nothing():
    host = make_host(code="miners")

    known = RegisterForm({**GOOD, "via": "miners"})
    unknown = RegisterForm({**GOOD, "via": "nobody"})
    too_long = RegisterForm({**GOOD, "via": "x" * 41})
    assert known.is_valid() and unknown.is_valid() and too_long.is_valid()
    assert (
        known.cleaned_data["via"],
        unknown.cleaned_data["via"],
        too_long.cleaned_data["via"],
    ) == (host, None, None)


def test_the_consent_boxes_are_labelled_with_the_texts_recorded():
    form = RegisterForm()

    assert str(form["wants_report_back"].label).startswith("Email me the recording")
    assert str(form["wants_updates"].label).startswith("Email me updates about this campaign")


def test_a_bot_is_told_by_the_honeypot():
    assert RegisterForm({**GOOD, "website": "http://spam"}).is_bot
    assert not RegisterForm(GOOD).is_bot


def test_the_filter_offers_the_languages_spoken_at_public_events():
    make_event(languages="es, ay")
    make_event(languages="en")

    form = EventFilterForm()

    assert [code for code, _name in form.fields["language"].choices] == ["", "ay", "en", "es"]
    assert dict(form.fields["language"].choices)["en"] == "English"


@pytest.mark.parametrize(
    ("query", "filters", "errors"),
    [
        ({}, {"format": "", "language": ""}, []),
        ({"format": EventFormat.HYBRID}, {"format": "hybrid", "language": ""}, []),
        ({"language": "en"}, {"format": "", "language": "en"}, []),
        ({"format": "bad", "language": "en"}, {"format": "", "language": "en"}, ["format"]),
        (
            {"format": "online", "language": "zz"},
            {"format": "online", "language": ""},
            ["language"],
        ),
    ],
)
def test_the_filters_apply_only_valid_values(query, filters, errors):
    make_event(languages="en")

    form = EventFilterForm(query)

    assert form.filters() == filters
    assert sorted(form.errors) == errors
