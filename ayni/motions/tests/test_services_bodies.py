"""Adding, moving, editing and reviewing bodies (services/bodies.py): the path and region of a
whole subtree stay right, and misplacements are refused with nothing stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ayni.motions.enums import BodyStatus, Level
from ayni.motions.models import Body
from ayni.motions.services import bodies
from ayni.motions.tests.factories import OrganisationFactory, tree_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """Example Union: national → Yorkshire, Wales (regions) → Leeds district → Leeds Branch →
    a workplace; a branch straight under national (no region)."""
    national = tree_body("Example Union", Level.NATIONAL)
    yorkshire = tree_body("Yorkshire Region", Level.REGION, parent=national)
    wales = tree_body("Wales", Level.REGION, parent=national)
    district = tree_body("Leeds District", Level.DISTRICT, parent=yorkshire)
    branch = tree_body("Leeds Branch", Level.BRANCH, parent=district)
    workplace = tree_body("Leeds Hospital", Level.WORKPLACE, parent=branch)
    return {
        "national": national,
        "yorkshire": yorkshire,
        "wales": wales,
        "district": district,
        "branch": branch,
        "workplace": workplace,
    }


def placement(body: Body) -> tuple[str, int | None]:
    body.refresh_from_db()
    return body.path, body.region_id


def test_add_body_stores_it_with_its_path_and_region(tree):
    body = bodies.add_body(
        organisation=tree["national"].organisation,
        parent=tree["district"],
        name="  Bradford Branch ",
        level=Level.BRANCH,
        kind="Branch",
        country="GB",
        website="https://bradford.example.org",
        code="BR-1",
    )

    assert placement(body) == (f"{tree['district'].path}{body.pk}/", tree["yorkshire"].pk)
    assert (body.name, body.status, body.code) == ("Bradford Branch", BodyStatus.LISTED, "BR-1")


def test_add_body_at_the_root_and_as_a_region():
    organisation = OrganisationFactory()

    national = bodies.add_body(organisation=organisation, name="Conference", level=Level.NATIONAL)
    region = bodies.add_body(
        organisation=organisation, parent=national, name="North", level=Level.REGION
    )

    assert placement(national) == (f"/{national.pk}/", None)
    assert placement(region) == (f"/{national.pk}/{region.pk}/", region.pk)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"level": 0}, "level"),
        ({"level": 6}, "level"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Two\nlines"}, "name"),
        ({"kind": "k" * 61}, "kind"),
        ({"country": "XX"}, "country"),
        ({"website": "not a url"}, "website"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"code": "c" * 61}, "code"),
    ],
)
def test_add_body_refuses_a_bad_field_and_stores_nothing(tree, fields, field):
    values = {"name": "New Branch", "level": Level.BRANCH, **fields}

    with pytest.raises(ValidationError) as raised:
        bodies.add_body(
            organisation=tree["national"].organisation, parent=tree["district"], **values
        )

    assert field in raised.value.message_dict
    assert not Body.objects.filter(name=values["name"]).exists()


def test_add_body_refuses_a_parent_at_its_own_level_or_below(tree):
    with pytest.raises(ValidationError) as raised:
        bodies.add_body(
            organisation=tree["national"].organisation,
            parent=tree["branch"],
            name="Another branch",
            level=Level.BRANCH,
        )

    assert raised.value.message_dict["parent"] == [
        "The parent body must be at a higher level than this one: it is at level 4 (Branch)."
    ]
    assert not Body.objects.filter(name="Another branch").exists()


def test_add_body_refuses_a_parent_of_another_organisation(tree):
    with pytest.raises(ValidationError) as raised:
        bodies.add_body(
            organisation=OrganisationFactory(),
            parent=tree["district"],
            name="Stray",
            level=Level.BRANCH,
        )

    assert raised.value.message_dict["parent"] == [
        "The parent body belongs to another organisation."
    ]


def test_move_body_carries_its_subtree_to_the_new_region(tree):
    bodies.move_body(body=tree["district"], parent=tree["wales"])

    wales = tree["wales"]
    district, branch, workplace = tree["district"], tree["branch"], tree["workplace"]
    assert placement(district) == (f"{wales.path}{district.pk}/", wales.pk)
    assert placement(branch) == (f"{wales.path}{district.pk}/{branch.pk}/", wales.pk)
    assert placement(workplace) == (f"{branch.path}{workplace.pk}/", wales.pk)
    # The rest of the tree is as it was.
    assert placement(tree["yorkshire"]) == (
        f"{tree['national'].path}{tree['yorkshire'].pk}/",
        tree["yorkshire"].pk,
    )


def test_move_body_to_the_root_leaves_it_without_a_region(tree):
    bodies.move_body(body=tree["branch"], parent=None)

    assert placement(tree["branch"]) == (f"/{tree['branch'].pk}/", None)
    assert placement(tree["workplace"]) == (f"/{tree['branch'].pk}/{tree['workplace'].pk}/", None)


def test_moving_a_region_keeps_it_the_region_of_its_subtree():
    organisation = OrganisationFactory()
    old = tree_body("Old national", Level.NATIONAL, organisation=organisation)
    new = tree_body("New national", Level.NATIONAL, organisation=organisation)
    region = tree_body("North", Level.REGION, parent=old)
    branch = tree_body("Branch", Level.BRANCH, parent=region)

    bodies.move_body(body=region, parent=new)

    assert placement(branch) == (f"/{new.pk}/{region.pk}/{branch.pk}/", region.pk)


@pytest.mark.parametrize("below", ["district", "branch", "workplace"])
def test_move_body_refuses_a_cycle_under_its_own_descendant(tree, below):
    before = {name: placement(body) for name, body in tree.items()}
    yorkshire = tree["yorkshire"]

    with pytest.raises(ValidationError) as raised:
        bodies.move_body(body=yorkshire, parent=tree[below])

    assert raised.value.message_dict["parent"] == [
        "A body cannot be placed under itself or a body inside it."
    ]
    assert {name: placement(body) for name, body in tree.items()} == before
    yorkshire.refresh_from_db()
    assert yorkshire.parent_id == tree["national"].pk


def test_move_body_refuses_itself_as_parent(tree):
    with pytest.raises(ValidationError):
        bodies.move_body(body=tree["branch"], parent=tree["branch"])


def test_move_body_refuses_another_organisations_parent_and_a_lower_one(tree):
    elsewhere = tree_body("Other union's district", Level.DISTRICT)

    with pytest.raises(ValidationError):
        bodies.move_body(body=tree["branch"], parent=elsewhere)
    with pytest.raises(ValidationError):
        bodies.move_body(body=tree["district"], parent=tree["branch"])

    tree["branch"].refresh_from_db()
    assert tree["branch"].parent_id == tree["district"].pk


def test_change_body_moves_and_relevels_and_refreshes_the_subtree(tree):
    district = tree["district"]

    bodies.change_body(
        body=district, parent=tree["national"], level=Level.REGION, name="Leeds Region"
    )

    assert district.name == "Leeds Region"
    assert placement(district) == (f"{tree['national'].path}{district.pk}/", district.pk)
    assert placement(tree["workplace"])[1] == district.pk


def test_change_body_refuses_a_level_at_or_below_a_body_under_it(tree):
    with pytest.raises(ValidationError) as raised:
        bodies.change_body(body=tree["district"], parent=tree["yorkshire"], level=Level.BRANCH)

    assert raised.value.message_dict["level"] == [
        "A body under this one is at level 4: this one must stay above it."
    ]
    tree["district"].refresh_from_db()
    assert tree["district"].level == Level.DISTRICT


def test_change_body_refuses_a_bad_field(tree):
    with pytest.raises(ValidationError):
        bodies.change_body(
            body=tree["branch"], parent=tree["district"], level=Level.BRANCH, website="nope"
        )

    tree["branch"].refresh_from_db()
    assert tree["branch"].website == ""


def test_propose_body_stores_a_proposal_under_a_listed_parent(tree):
    body = bodies.propose_body(
        organisation=tree["national"].organisation,
        parent=tree["district"],
        name="Otley Branch",
        level=Level.BRANCH,
        kind="Branch",
        country="GB",
    )

    assert body.status == BodyStatus.PROPOSED
    assert placement(body) == (f"{tree['district'].path}{body.pk}/", tree["yorkshire"].pk)


def test_propose_body_at_the_organisation_root():
    organisation = OrganisationFactory()

    body = bodies.propose_body(
        organisation=organisation, parent=None, name="Conference", level=Level.NATIONAL
    )

    assert (body.status, body.parent_id, body.path) == (BodyStatus.PROPOSED, None, f"/{body.pk}/")


def test_propose_body_twice_returns_the_first_proposal(tree):
    fields = {
        "organisation": tree["national"].organisation,
        "parent": tree["district"],
        "level": Level.BRANCH,
    }
    first = bodies.propose_body(name="Otley Branch", **fields)

    again = bodies.propose_body(name="otley branch ", **fields)

    assert again == first
    assert Body.objects.filter(name__iexact="otley branch").count() == 1


def test_propose_body_refuses_a_listed_name_an_unlisted_parent_and_a_bad_field(tree):
    organisation = tree["national"].organisation
    proposed = bodies.propose_body(
        organisation=organisation, parent=tree["district"], name="Otley", level=Level.BRANCH
    )

    with pytest.raises(ValidationError) as listed:
        bodies.propose_body(
            organisation=organisation,
            parent=tree["district"],
            name="LEEDS BRANCH",
            level=Level.BRANCH,
        )
    with pytest.raises(ValidationError) as unlisted:
        bodies.propose_body(
            organisation=organisation, parent=proposed, name="Otley works", level=Level.WORKPLACE
        )
    with pytest.raises(ValidationError) as bad:
        bodies.propose_body(
            organisation=organisation, parent=tree["district"], name="", level=Level.BRANCH
        )

    assert listed.value.message_dict == {"name": ["This body is listed already: search for it."]}
    assert unlisted.value.message_dict == {"parent": ["Choose a listed body as the parent."]}
    assert "name" in bad.value.message_dict
    assert Body.objects.filter(status=BodyStatus.PROPOSED).count() == 1


def test_list_and_refuse_change_only_proposed_bodies(tree):
    organisation = tree["national"].organisation
    fields = {"organisation": organisation, "parent": tree["district"], "level": Level.BRANCH}
    listed = bodies.propose_body(name="To list", **fields)
    refused = bodies.propose_body(name="To refuse", **fields)

    assert bodies.list_proposed_bodies(bodies=Body.objects.filter(pk__in=[listed.pk])) == 1
    assert bodies.refuse_proposed_bodies(bodies=Body.objects.filter(pk=refused.pk)) == 1
    # Already listed or refused: nothing changes.
    assert bodies.refuse_proposed_bodies(bodies=Body.objects.all()) == 0
    assert bodies.list_proposed_bodies(bodies=Body.objects.all()) == 0

    assert Body.objects.get(pk=listed.pk).status == BodyStatus.LISTED
    assert Body.objects.get(pk=refused.pk).status == BodyStatus.REFUSED


def test_refresh_placements_repairs_a_tree_whose_paths_were_never_set(tree):
    Body.objects.update(path="", region=None)

    changed = bodies.refresh_placements(Body.objects.all())

    assert changed == len(tree)
    workplace = tree["workplace"]
    expected = "/" + "/".join(
        str(tree[name].pk) for name in ("national", "yorkshire", "district", "branch", "workplace")
    )
    assert placement(workplace) == (f"{expected}/", tree["yorkshire"].pk)
    assert bodies.refresh_placements(Body.objects.all()) == 0


def test_placements_leaves_out_nodes_in_a_cycle():
    placed = bodies.placements([(1, None, 1), (2, 1, 2), (3, 4, 3), (4, 3, 4)], above={})

    assert placed == {1: ("/1/", None), 2: ("/1/2/", 2)}
