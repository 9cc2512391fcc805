"""The back office's organisations and bodies (admin.py) × every persona (tests/access.py):
organisers add, edit and import; moderators list or refuse proposed bodies (and may correct a
body) but not import or add; staff see; outsiders get nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ayni.motions.enums import BodyStatus, Level
from ayni.motions.models import Body
from ayni.motions.services.bodies import propose_body
from ayni.motions.tests.factories import OrganisationFactory, tree_body
from tests.access import LOGIN, assert_access

pytestmark = pytest.mark.django_db

SEE = {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 200, "moderator": 200, "organiser": 200}
ORGANISERS = {
    "anonymous": LOGIN,
    "outsider": LOGIN,
    "viewer": 403,
    "moderator": 403,
    "organiser": 200,
}


@pytest.fixture
def tree():
    union = OrganisationFactory(name="Example Union", code="example")
    national = tree_body("Example Union", Level.NATIONAL, organisation=union, code="N")
    yorkshire = tree_body("Yorkshire Region", Level.REGION, parent=national, code="Y")
    wales = tree_body("Wales", Level.REGION, parent=national, code="W")
    leeds = tree_body("Leeds Branch", Level.BRANCH, parent=yorkshire, code="LB")
    proposed = propose_body(
        organisation=union, parent=yorkshire, name="Otley Branch", level=Level.BRANCH
    )
    return {
        "union": union,
        "national": national,
        "yorkshire": yorkshire,
        "wales": wales,
        "leeds": leeds,
        "proposed": proposed,
    }


def test_everyone_in_the_back_office_sees_organisations_and_bodies(client_for, tree):
    for url in (
        reverse("admin:motions_organisation_changelist"),
        reverse("admin:motions_organisation_change", args=[tree["union"].pk]),
        reverse("admin:motions_body_changelist"),
        reverse("admin:motions_body_change", args=[tree["leeds"].pk]),
    ):
        responses = assert_access(client_for, url, "get", SEE)
    page = responses["viewer"].content.decode()
    assert "Leeds Branch" in page
    assert f"{tree['yorkshire'].path}{tree['leeds'].pk}/" in page  # the path, read-only


def test_only_organisers_add_organisations_and_bodies_and_import(client_for, tree):
    for url in (
        reverse("admin:motions_organisation_add"),
        reverse("admin:motions_body_add"),
        reverse("admin:motions_body_import"),
    ):
        responses = assert_access(client_for, url, "get", ORGANISERS)
    assert "Not allowed" in responses["moderator"].content.decode()


def test_the_import_link_shows_only_to_those_who_may_import(client_for, tree):
    url = reverse("admin:motions_body_changelist")
    link = reverse("admin:motions_body_import")

    assert link in client_for("organiser").get(url).content.decode()
    assert link not in client_for("moderator").get(url).content.decode()
    assert link not in client_for("viewer").get(url).content.decode()


def test_the_bodies_are_searched_by_name_or_code_and_filtered(client_for, tree):
    client = client_for("viewer")
    url = reverse("admin:motions_body_changelist")

    by_code = client.get(url, {"q": "LB"}).content.decode()
    by_status = client.get(url, {"status__exact": "proposed"}).content.decode()
    under = client.get(url, {"parent__exact": tree["yorkshire"].pk}).content.decode()

    assert "Leeds Branch" in by_code and "Wales" not in by_code
    assert "Otley Branch" in by_status and "Leeds Branch" not in by_status
    assert "Leeds Branch" in under and "Otley Branch" in under and "Wales" not in under
    for filtered in ({"level__exact": 2}, {"organisation__id__exact": tree["union"].pk}):
        assert client.get(url, filtered).status_code == 200


def form_data(body: Body, **changes) -> dict:
    data = {
        "parent": body.parent_id or "",
        "name": body.name,
        "kind": body.kind,
        "level": body.level,
        "country": body.country,
        "website": body.website,
        "code": body.code,
        "status": body.status,
    }
    data.update(changes)
    return data


def test_moving_a_body_in_the_back_office_refreshes_its_subtree(client_for, tree):
    url = reverse("admin:motions_body_change", args=[tree["yorkshire"].pk])
    responses = assert_access(
        client_for,
        url,
        "post",
        {"viewer": 403, "moderator": 302, "organiser": 302},
        data=form_data(tree["yorkshire"], name="Yorkshire & Humber"),
    )
    assert responses["organiser"]["Location"] == reverse("admin:motions_body_changelist")

    leeds = tree["leeds"]
    client_for("organiser").post(
        reverse("admin:motions_body_change", args=[leeds.pk]),
        form_data(leeds, parent=tree["wales"].pk),
    )

    leeds.refresh_from_db()
    assert (leeds.parent, leeds.region, leeds.path) == (
        tree["wales"],
        tree["wales"],
        f"{tree['wales'].path}{leeds.pk}/",
    )
    assert Body.objects.get(pk=tree["yorkshire"].pk).name == "Yorkshire & Humber"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"parent": "leeds"}, "A body cannot be placed under itself or a body inside it."),
        (
            {"level": Level.BRANCH},
            "A body under this one is at level 4: this one must stay above it.",
        ),
        ({"level": 9}, "Select a valid choice. 9 is not one of the available choices."),
        ({"parent": "other"}, "The parent body belongs to another organisation."),
        (
            {"parent": "999999"},
            "Select a valid choice. That choice is not one of the available choices.",
        ),
        ({"website": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_a_misplaced_or_bad_body_is_refused_on_the_form(client_for, tree, changes, message):
    other = tree_body("Other union", Level.NATIONAL)
    ids = {"leeds": tree["leeds"].pk, "other": other.pk}
    changes = {key: ids.get(value, value) for key, value in changes.items()}
    yorkshire = tree["yorkshire"]
    before = Body.objects.filter(pk=yorkshire.pk).values().get()

    response = client_for("organiser").post(
        reverse("admin:motions_body_change", args=[yorkshire.pk]), form_data(yorkshire, **changes)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Body.objects.filter(pk=yorkshire.pk).values().get() == before


def test_an_organiser_adds_a_body_with_its_path(client_for, tree):
    response = client_for("organiser").post(
        reverse("admin:motions_body_add"),
        {
            "organisation": tree["union"].pk,
            "parent": tree["yorkshire"].pk,
            "name": "Bradford Branch",
            "kind": "Branch",
            "level": Level.BRANCH,
            "country": "GB",
            "website": "bradford.example.org",
            "code": "BB",
            "status": BodyStatus.LISTED,
        },
    )

    assert response.status_code == 302
    body = Body.objects.get(code="BB")
    assert (body.path, body.region, body.website) == (
        f"{tree['yorkshire'].path}{body.pk}/",
        tree["yorkshire"],
        "https://bradford.example.org",
    )


def test_moderators_list_and_refuse_proposed_bodies_staff_cannot(client_for, tree):
    url = reverse("admin:motions_body_changelist")
    proposed = tree["proposed"]
    other = propose_body(
        organisation=tree["union"], parent=tree["yorkshire"], name="Ilkley", level=Level.BRANCH
    )

    client_for("viewer").post(url, {"action": "list_proposed", "_selected_action": [proposed.pk]})
    assert Body.objects.get(pk=proposed.pk).status == BodyStatus.PROPOSED

    listed = client_for("moderator").post(
        url,
        {"action": "list_proposed", "_selected_action": [proposed.pk, tree["leeds"].pk]},
        follow=True,
    )
    refused = client_for("moderator").post(
        url, {"action": "refuse_proposed", "_selected_action": [other.pk]}, follow=True
    )

    assert "1 proposed body listed: it can be found in the search." in listed.content.decode()
    assert "1 proposed body refused." in refused.content.decode()
    assert Body.objects.get(pk=proposed.pk).status == BodyStatus.LISTED
    assert Body.objects.get(pk=other.pk).status == BodyStatus.REFUSED
    assert Body.objects.get(pk=tree["leeds"].pk).status == BodyStatus.LISTED


@pytest.mark.parametrize("count", [1, 3])
def test_the_body_list_takes_the_same_queries_for_1_and_3_bodies(
    client_for, django_assert_num_queries, count
):
    union = OrganisationFactory()
    national = tree_body("National", Level.NATIONAL, organisation=union)
    for number in range(count - 1):
        tree_body(f"Region {number}", Level.REGION, parent=national)
    client = client_for("moderator")
    client.get(reverse("admin:motions_body_changelist"))  # the session and permissions warm

    with django_assert_num_queries(CHANGELIST_QUERIES):
        response = client.get(reverse("admin:motions_body_changelist"))

    assert response.content.decode().count('class="action-select"') == count


# The session, the user, their permissions, the count, the page of bodies (with organisation
# and parent), and the filters' choices (organisations, countries).
CHANGELIST_QUERIES = 8
