"""The body forms (body_forms.py): the proposal of a missing body that the report form embeds,
and the upload's size check. The search form is tested through its view (test_views_bodies)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from ayni.motions.body_forms import BodyImportForm, BodyProposalForm
from ayni.motions.enums import BodyStatus, Level
from ayni.motions.services.bodies import propose_body
from ayni.motions.tests.factories import OrganisationFactory, tree_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    union = OrganisationFactory()
    national = tree_body("Example Union", Level.NATIONAL, organisation=union)
    yorkshire = tree_body("Yorkshire Region", Level.REGION, parent=national)
    return {"union": union, "yorkshire": yorkshire}


def proposal(tree, **changes):
    data = {
        "organisation": tree["union"].pk,
        "parent": tree["yorkshire"].pk,
        "name": "  Otley Branch ",
        "level": Level.BRANCH,
        "kind": "Branch",
        "country": "GB",
    }
    data.update(changes)
    return BodyProposalForm(data)


def test_a_good_proposal_is_cleaned_for_propose_body(tree):
    form = proposal(tree)

    assert form.is_valid(), form.errors
    body = propose_body(**form.cleaned_data)
    assert (body.name, body.status, body.parent) == (
        "Otley Branch",
        BodyStatus.PROPOSED,
        tree["yorkshire"],
    )


def test_a_proposal_at_the_organisations_root_needs_no_parent(tree):
    form = proposal(tree, parent="", level=Level.NATIONAL, country="")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["parent"] is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"organisation": ""}, "organisation", "Choose the organisation."),
        ({"organisation": "999999"}, "organisation", "Choose an organisation from the list."),
        ({"parent": "999999"}, "parent", "Choose a body found by the search."),
        ({"parent": "x"}, "parent", "Choose a body found by the search."),
        ({"name": ""}, "name", "Give the body’s name."),
        ({"name": " \u200b "}, "name", "Give the body’s name."),
        ({"name": "n" * 201}, "name", "Ensure this value has at most 200 characters (it has 201)."),
        ({"name": "<b>Otley</b>"}, "name", "Please do not use the characters < or >."),
        ({"level": ""}, "level", "Choose the body’s level."),
        ({"level": "7"}, "level", "Choose a level from the list."),
        ({"level": Level.REGION}, "parent", None),
        ({"kind": "k" * 61}, "kind", "Ensure this value has at most 60 characters (it has 61)."),
        ({"country": "XX"}, "country", "Choose a country from the list."),
    ],
)
def test_a_bad_proposal_names_the_field(tree, changes, field, message):
    form = proposal(tree, **changes)

    assert not form.is_valid()
    assert field in form.errors
    if message:
        assert form.errors[field] == [message]


def test_a_proposal_under_a_body_of_another_organisation_or_not_listed_is_refused(tree):
    other = tree_body("Other district", Level.DISTRICT)
    unlisted = propose_body(
        organisation=tree["union"], parent=tree["yorkshire"], name="Pending", level=3
    )

    assert proposal(tree, parent=other.pk).errors["parent"] == [
        "The parent body belongs to another organisation."
    ]
    assert proposal(tree, parent=unlisted.pk).errors["parent"] == [
        "Choose a body found by the search."
    ]


def test_the_proposal_errors_are_in_spanish(tree):
    with translation.override("es"):
        form = proposal(tree, name="", level="7")

        assert form.errors["name"] == ["Escribe el nombre del órgano."]
        assert form.errors["level"] == ["Elige un nivel de la lista."]


def test_the_upload_reads_at_most_one_byte_past_the_limit(settings):
    settings.BODY_IMPORT_MAX_BYTES = 10

    small = BodyImportForm(files={"file": SimpleUploadedFile("a.csv", b"0123456789")})
    large = BodyImportForm(files={"file": SimpleUploadedFile("a.csv", b"0123456789X")})

    assert small.is_valid()
    assert small.cleaned_data["file"] == b"0123456789"
    assert large.errors["file"] == ["The file is larger than 1 MB."]
