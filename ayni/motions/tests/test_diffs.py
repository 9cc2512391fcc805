"""Amended texts against the model's: paragraph by paragraph, words marked, everything escaped;
and alike amendments grouped."""

from __future__ import annotations

import pytest

from ayni.motions.diffs import (
    ADDED,
    CHANGED,
    REMOVED,
    SAME,
    ParagraphDiff,
    adoption_diff,
    amended_versions,
    changes,
    group_amendments,
    normalised,
    paragraph_diff,
    word_diff,
)
from ayni.motions.enums import Level, Outcome
from ayni.motions.tests.factories import MotionFactory, publish_version, report, tree_body

MODEL = ["The people resisted.", "Democracy must be defended.", "We send greetings."]


def test_a_changed_word_is_marked_inside_its_paragraph():
    assert word_diff("Democracy must be defended.", "Democracy must be defended everywhere.") == (
        "Democracy must be defended<ins> everywhere</ins>."
    )
    assert (
        word_diff("To donate £200.", "To donate £500.")
        == "To donate £<del>200</del><ins>500</ins>."
    )


def test_paragraphs_added_removed_changed_and_the_same():
    amended = [
        "The people resisted.",
        "Democracy must always be defended.",
        "Solidarity forever!",
    ]
    assert paragraph_diff(MODEL, amended) == [
        ParagraphDiff(SAME, "The people resisted."),
        ParagraphDiff(CHANGED, "Democracy must<ins> always</ins> be defended."),
        ParagraphDiff(REMOVED, "We send greetings."),
        ParagraphDiff(ADDED, "Solidarity forever!"),
    ]
    assert [p.kind for p in paragraph_diff(MODEL, MODEL[:1] + MODEL[2:])] == [SAME, REMOVED, SAME]
    assert [p.kind for p in paragraph_diff(MODEL, [*MODEL, "And more."])] == [SAME] * 3 + [ADDED]


def test_everything_typed_is_escaped():
    diff = paragraph_diff(
        ["The people resisted the coup."],
        ["The people <script>alert(1)</script> resisted the coup & won."],
    )
    assert diff == [
        ParagraphDiff(
            CHANGED,
            "The people<ins> &lt;script&gt;alert(1)&lt;/script&gt;</ins> resisted the coup"
            "<ins> &amp; won</ins>.",
        )
    ]
    assert paragraph_diff(["<b>"], ["<b>", "<i>x</i>"])[1].html == "&lt;i&gt;x&lt;/i&gt;"


def test_normalised_text_sets_aside_case_punctuation_and_spacing():
    assert normalised("  To AFFILIATE,  to the campaign!\n") == "to affiliate to the campaign"


def test_alike_amendments_are_grouped_the_most_common_first():
    model = [("resolves", ["To affiliate to the campaign.", "To forward this motion."])]
    added = {
        "resolves": "To affiliate to the campaign.\n\nTo forward this motion.\n\nTo donate £100."
    }
    typed_otherwise = {
        "resolves": "To affiliate to the campaign\n\nto forward this motion.\n\nTO DONATE £100!"
    }
    nearly = {
        "resolves": "To affiliate to the campaign.\n\nTo forward this motion.\n\nTo donate £1000."
    }
    different = {"resolves": "To affiliate to the campaign."}
    typo_only = {"resolves": "To affiliate to the campaign\n\nTo forward this motion"}
    items = [
        (1, changes(model, different)),
        (2, changes(model, added)),
        (3, changes(model, typed_otherwise)),
        (4, changes(model, nearly)),
        (5, changes(model, typo_only)),
    ]

    groups = group_amendments(items)

    assert [(g.members, g.example) for g in groups] == [([2, 3, 4], 2), ([1], 1)]
    assert groups[0].changes == [("resolves", "", "to donate 100")]


@pytest.mark.django_db
def test_an_adoption_is_compared_with_its_version_in_its_language():
    motion = MotionFactory()
    publish_version(motion)
    body = tree_body("Rama Sur", Level.BRANCH)
    adoption = report(
        motion,
        body,
        outcome=Outcome.AMENDED,
        language="es",
        amended_resolves="Adherirse a la campaña.\n\nElevar esta moción al congreso.",
    )

    notes, believes, resolves = adoption_diff(adoption)

    assert not notes.changed and not believes.changed  # left empty: not amended
    assert notes.paragraphs[0] == ParagraphDiff(SAME, "El gobierno electo fue derrocado.")
    assert resolves.paragraphs == [
        ParagraphDiff(SAME, "Adherirse a la campaña."),
        ParagraphDiff(CHANGED, "Elevar esta moción<ins> al congreso</ins>."),
    ]


@pytest.mark.django_db
def test_the_motions_amended_versions_in_two_queries(django_assert_num_queries):
    motion = MotionFactory()
    publish_version(motion)
    national = tree_body("Union", Level.NATIONAL)
    for n, text in enumerate(["To donate.", "to donate", "To donate!", "To strike."]):
        branch = tree_body(f"Branch {n}", Level.BRANCH, parent=national)
        resolves = f"To affiliate to the campaign.\n\nTo forward this motion.\n\n{text}"
        report(motion, branch, outcome=Outcome.AMENDED, amended_resolves=resolves)
    report(motion, national, outcome=Outcome.AMENDED, status="submitted", amended_resolves="x")

    with django_assert_num_queries(2):
        versions = amended_versions(motion.pk)

    assert (versions.amended, versions.distinct) == (4, 2)
    first, second = versions.groups
    assert (first.count, first.bodies) == (3, ["Branch 0", "Branch 1", "Branch 2"])
    assert [p.kind for p in first.sections[0].paragraphs] == [SAME, SAME, ADDED]
    assert (second.count, second.bodies) == (1, ["Branch 3"])
