"""Importing bodies from CSV (services/body_import.py): the dry run's report, the import in one
transaction only when nothing is wrong, idempotent re-imports, and every refusal naming rows."""

from __future__ import annotations

import pytest

from ayni.motions.enums import BodyStatus, Level
from ayni.motions.models import Body, Organisation
from ayni.motions.services.bodies import propose_body
from ayni.motions.services.body_csv import RowError
from ayni.motions.services.body_import import (
    RowAction,
    RowPlan,
    dry_run_body_import,
    import_bodies,
)
from ayni.motions.tests.factories import OrganisationFactory, body_csv, tree_body

pytestmark = pytest.mark.django_db

# Children before their parents: the file's order does not matter.
TREE = [
    ["unite", "", "", "leeds", "Leeds Branch", "Branch", "branch", "yorks", "GB", ""],
    ["unite", "Unite the Union", "union", "nat", "Unite", "Conference", "1", "", "GB", ""],
    ["unite", "", "", "yorks", "Yorkshire Region", "Region", "región", "nat", "GB", ""],
    ["unite", "", "", "wales", "Wales", "Region", "2", "nat", "GB", "https://wales.example"],
]


def snapshot() -> list[tuple]:
    return list(
        Body.objects.order_by("pk").values_list(
            "organisation__code", "code", "name", "level", "parent__code", "path", "region__code"
        )
    )


def test_the_dry_run_says_what_would_change_and_writes_nothing():
    report = dry_run_body_import(data=body_csv(*TREE))

    assert report.ok
    assert report.committed is False
    assert report.new_organisations == ["unite"]
    assert report.counts == {
        "new": 4,
        "moved": 0,
        "changed": 0,
        "unchanged": 0,
        "invalid": 0,
    }
    assert report.rows[0] == RowPlan(
        row=2, organisation="unite", code="leeds", name="Leeds Branch", action=RowAction.NEW
    )
    assert not Organisation.objects.exists()
    assert not Body.objects.exists()


def test_the_import_stores_the_tree_with_paths_and_regions():
    report = import_bodies(data=body_csv(*TREE))

    assert report.committed
    unite = Organisation.objects.get(code="unite")
    assert (unite.name, unite.kind, unite.country) == ("Unite the Union", "union", "GB")
    national = Body.objects.get(code="nat")
    yorkshire = Body.objects.get(code="yorks")
    leeds = Body.objects.get(code="leeds")
    assert (leeds.parent, leeds.level, leeds.kind, leeds.status) == (
        yorkshire,
        Level.BRANCH,
        "Branch",
        BodyStatus.LISTED,
    )
    assert leeds.path == f"/{national.pk}/{yorkshire.pk}/{leeds.pk}/"
    assert leeds.region == yorkshire
    assert Body.objects.get(code="wales").website == "https://wales.example"


def test_importing_the_same_file_again_changes_nothing():
    import_bodies(data=body_csv(*TREE))
    before = snapshot()

    report = import_bodies(data=body_csv(*TREE))

    assert report.committed
    assert report.counts["unchanged"] == 4
    assert report.new_organisations == report.changed_organisations == []
    assert snapshot() == before


def test_a_later_file_moves_and_changes_bodies_and_says_which():
    import_bodies(data=body_csv(*TREE))
    moved = [
        ["unite", "", "", "leeds", "Leeds Branch", "Branch", "branch", "wales", "GB", ""],
        ["unite", "Unite", "", "nat", "Unite", "Conference", "1", "", "GB", ""],
        ["unite", "", "", "yorks", "Yorkshire & Humber", "Region", "2", "nat", "GB", ""],
        TREE[3],
        ["unite", "", "", "cardiff", "Cardiff", "", "4", "wales", "GB", ""],
    ]

    report = import_bodies(data=body_csv(*moved))

    assert [(row.code, row.action, row.changes) for row in report.rows] == [
        ("leeds", RowAction.MOVED, ("parent_code",)),
        ("nat", RowAction.UNCHANGED, ()),
        ("yorks", RowAction.CHANGED, ("name",)),
        ("wales", RowAction.UNCHANGED, ()),
        ("cardiff", RowAction.NEW, ()),
    ]
    assert report.changed_organisations == ["unite"]
    wales = Body.objects.get(code="wales")
    leeds = Body.objects.get(code="leeds")
    assert (leeds.parent, leeds.region, leeds.path) == (wales, wales, f"{wales.path}{leeds.pk}/")
    assert Organisation.objects.get(code="unite").name == "Unite"


def test_a_file_can_hang_new_bodies_under_bodies_already_stored_and_leaves_others_alone():
    organisation = OrganisationFactory(code="gmb")
    national = tree_body("GMB", Level.NATIONAL, organisation=organisation, code="n")
    uncoded = tree_body("A branch without a code", Level.BRANCH, parent=national)
    proposed = propose_body(
        organisation=organisation, parent=national, name="Proposed", level=Level.REGION
    )

    report = import_bodies(data=body_csv(["gmb", "", "", "r1", "North", "", "2", "n", "", ""]))

    assert report.committed
    north = Body.objects.get(code="r1")
    assert (north.parent, north.path, north.region) == (
        national,
        f"/{national.pk}/{north.pk}/",
        north,
    )
    assert Body.objects.get(pk=uncoded.pk).path == f"/{national.pk}/{uncoded.pk}/"
    assert Body.objects.get(pk=proposed.pk).status == BodyStatus.PROPOSED


def refused(data: bytes) -> list[RowError]:
    """The errors of importing `data`, having checked nothing was written."""
    before = snapshot()
    organisations = list(Organisation.objects.values_list("code", "name"))
    report = import_bodies(data=data)
    assert report.committed is False
    assert report.ok is False
    assert snapshot() == before
    assert list(Organisation.objects.values_list("code", "name")) == organisations
    return report.errors


def test_a_cycle_in_the_file_is_refused_naming_its_rows():
    data = body_csv(
        ["unite", "Unite", "union", "a", "A", "", "2", "b", "", ""],
        ["unite", "", "", "b", "B", "", "3", "a", "", ""],
        ["unite", "", "", "c", "C", "", "4", "a", "", ""],
    )

    assert refused(data) == [
        RowError(
            2,
            "parent_code",
            "These bodies are each under the next, in a circle: row 2 (a) → row 3 (b) → row 2 (a).",
        )
    ]


def test_a_body_under_itself_is_a_cycle():
    data = body_csv(["unite", "Unite", "union", "a", "A", "", "2", "a", "", ""])

    assert refused(data) == [
        RowError(
            2,
            "parent_code",
            "These bodies are each under the next, in a circle: row 2 (a) → row 2 (a).",
        )
    ]


def test_a_cycle_through_bodies_already_stored_is_refused():
    import_bodies(data=body_csv(*TREE))
    # Yorkshire (stored, under nat) would go under Leeds, which is under Yorkshire.
    data = body_csv(["unite", "", "", "yorks", "Yorkshire Region", "", "5", "leeds", "", ""])

    errors = refused(data)

    assert errors == [
        RowError(
            2,
            "parent_code",
            "These bodies are each under the next, in a circle: row 2 (yorks) → Leeds Branch "
            "(already stored) → row 2 (yorks).",
        ),
    ]


def test_an_unknown_parent_and_a_parent_of_another_organisation_are_refused():
    tree_body("GMB North", Level.REGION, organisation=OrganisationFactory(code="gmb"), code="gn")
    data = body_csv(
        ["unite", "Unite", "union", "nat", "Unite", "", "1", "", "", ""],
        ["unite", "", "", "b1", "B1", "", "4", "nowhere", "", ""],
        ["unite", "", "", "b2", "B2", "", "4", "gn", "", ""],
        ["pcs", "PCS", "union", "p1", "PCS one", "", "1", "", "", ""],
        ["unite", "", "", "b3", "B3", "", "4", "p1", "", ""],
    )

    assert refused(data) == [
        RowError(
            3,
            "parent_code",
            "No body of unite has the code “nowhere”, in this file or already.",
        ),
        RowError(3 + 1, "parent_code", "The parent “gn” belongs to another organisation (gmb)."),
        RowError(6, "parent_code", "The parent “p1” belongs to another organisation (pcs)."),
    ]


def test_duplicate_codes_in_the_file_are_refused_naming_both_rows():
    data = body_csv(
        TREE[1],
        ["unite", "", "", "nat", "Unite again", "", "1", "", "", ""],
        # The same code in another organisation is another body.
        ["pcs", "PCS", "union", "nat", "PCS", "", "1", "", "", ""],
    )

    assert refused(data) == [
        RowError(3, "code", "The code “nat” of unite is on row 2 too."),
    ]


def test_a_new_level_at_or_below_a_stored_body_under_it_is_refused():
    import_bodies(data=body_csv(*TREE))
    data = body_csv(["unite", "", "", "yorks", "Yorkshire Region", "", "4", "nat", "", ""])

    assert refused(data) == [
        RowError(
            2,
            "level",
            "Leeds Branch (already stored) is under this body at level 4: keep this above it.",
        )
    ]


def test_a_child_at_or_above_its_parents_level_is_refused():
    data = body_csv(
        ["unite", "Unite", "union", "nat", "Unite", "", "2", "", "", ""],
        ["unite", "", "", "r", "Region", "", "2", "nat", "", ""],
        ["unite", "", "", "b", "Branch", "", "national", "r", "", ""],
    )

    assert refused(data) == [
        RowError(3, "level", "Level 2 is not below its parent’s: row 2 (nat) is at level 2."),
        RowError(4, "level", "Level 1 is not below its parent’s: row 3 (r) is at level 2."),
    ]


def test_a_new_organisation_needs_a_name_and_kind_and_rows_must_agree():
    OrganisationFactory(code="gmb", name="GMB")
    data = body_csv(
        ["unite", "", "", "nat", "Unite", "", "1", "", "", ""],
        ["pcs", "PCS", "union", "p", "PCS", "", "1", "", "", ""],
        ["pcs", "Public and Commercial", "party", "q", "Q", "", "2", "p", "", ""],
        ["new", "GMB", "union", "x", "X", "", "1", "", "", ""],
    )

    assert refused(data) == [
        RowError(
            2, "organisation_name", "unite is a new organisation: give its organisation_name."
        ),
        RowError(
            2, "organisation_kind", "unite is a new organisation: give its organisation_kind."
        ),
        RowError(4, "organisation_name", "This differs from row 3 for the same organisation."),
        RowError(4, "organisation_kind", "This differs from row 3 for the same organisation."),
        RowError(5, "organisation_name", "Another organisation (gmb) is called “GMB”."),
    ]


def test_a_bad_cell_refuses_the_whole_file_and_marks_its_row():
    data = body_csv(*TREE[1:], ["unite", "", "", "x", "X", "", "4", "yorks", "ZZ", ""])

    report = dry_run_body_import(data=data)
    errors = refused(data)

    assert errors == [
        RowError(5, "country", "“ZZ” is not a country code (use two letters, such as GB or BO).")
    ]
    assert [row.action for row in report.rows] == [
        RowAction.NEW,
        RowAction.NEW,
        RowAction.NEW,
        RowAction.INVALID,
    ]


def test_a_file_that_cannot_be_read_is_refused():
    assert refused(b"\xff\xfe not utf-8")[0].message.startswith("The file is not UTF-8 text")


def test_a_tree_of_many_bodies_is_imported_with_every_path_and_region_right():
    from bench.body_import import as_csv, tree_rows

    rows = tree_rows(400)

    report = import_bodies(data=as_csv(rows))

    assert report.counts["new"] == 400
    by_pk = {body.pk: body for body in Body.objects.all()}
    for body in by_pk.values():
        ids = [int(pk) for pk in body.path.strip("/").split("/")]
        assert ids[-1] == body.pk
        assert [by_pk[pk].parent_id for pk in ids] == [None, *ids[:-1]]
        regions = [pk for pk in ids if by_pk[pk].level == Level.REGION]
        assert body.region_id == (regions[0] if regions else None)


def test_the_example_in_the_operations_guide_imports():
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[3] / "docs" / "operations.md").read_text()
    section = guide.split("## Importing bodies", 1)[1]
    example = section.split("```csv\n", 1)[1].split("```", 1)[0]

    report = import_bodies(data=example.encode())

    assert report.errors == []
    assert report.counts["new"] == 5
    leeds = Body.objects.get(code="EU-YH-012")
    assert (leeds.region.code, leeds.level) == ("EU-YH", Level.BRANCH)
