"""The report form's body search as htmx swaps it in while one types (views/reporting.py
`report_form`, its `#body-matches` partial): the matches alone, escaped, capped, from two
letters, a fixed number of queries; the same list as the page shows without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from ayni.motions import selectors
from ayni.motions.enums import BodyStatus, Level, MotionState
from ayni.motions.models import Motion
from ayni.motions.tests.factories import tree_body
from ayni.motions.tests.reporting_builders import reportable

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def matches(client, motion: Motion, query: object, language: str = "en"):
    with translation.override(language):
        url = reverse("motions:report", kwargs={"slug": motion.slug})
    return client.get(url, {"q": query}, **HTMX)


def choices(page: str) -> int:
    return page.count("data-body-choice=")


def test_matches_are_the_partial_alone_with_each_body_to_choose(client):
    motion, branch = reportable()

    response = matches(client, motion, "leeds")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.strip().startswith('<div id="body-matches" aria-live="polite">')
    assert page.strip().endswith("</div>")
    assert "<html" not in page and "Send the report" not in page
    assert f'href="/en/motions/bolivia/report/?body={branch.pk}"' in page
    assert f'data-body-choice="{branch.pk}"' in page
    assert 'data-body-chosen="You are reporting for Leeds Central (' in page
    assert "Leeds Central</a> · North — Example Union — Example Union" in page
    assert f' · Branch · <span class="body-number">No. {branch.pk}</span></li>' in page


def test_matches_are_in_the_page_language(client):
    motion, branch = reportable()

    page = matches(client, motion, "leeds", "es").content.decode()

    assert f'href="/es/motions/bolivia/report/?body={branch.pk}"' in page
    assert 'data-body-chosen="Informas en nombre de Leeds Central (' in page


def test_matches_are_the_same_list_the_page_shows_without_javascript(client):
    motion, _branch = reportable()

    partial = matches(client, motion, "leeds").content.decode().strip()
    page = client.get(reverse("motions:report", kwargs={"slug": "bolivia"}), {"q": "leeds"})

    assert partial in page.content.decode()


@pytest.mark.parametrize("query", ["", "l", " l ", "   "])
def test_fewer_than_two_letters_find_nothing_and_say_nothing(client, query):
    motion, _branch = reportable()

    response = matches(client, motion, query)

    assert response.status_code == 200
    assert response.content.decode().split() == [
        "<div",
        'id="body-matches"',
        'aria-live="polite">',
        "</div>",
    ]


def test_no_match_says_so_and_offers_to_propose_the_body(client):
    motion, _branch = reportable()

    page = matches(client, motion, "nowhere at all").content.decode()

    assert choices(page) == 0
    assert "No listed body has that name." in page


def test_names_are_escaped_in_the_text_and_in_the_attributes(client):
    motion, branch = reportable()
    tree_body('Leeds "<script>alert(1)</script>" Branch', Level.BRANCH, parent=branch.parent)

    page = matches(client, motion, "leeds").content.decode()

    assert "<script>" not in page
    assert "Leeds &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; Branch" in page
    assert choices(page) == 2


def test_only_listed_bodies_are_matched(client):
    motion, branch = reportable()
    tree_body("Leeds Proposed", Level.BRANCH, parent=branch.parent, status=BodyStatus.PROPOSED)

    page = matches(client, motion, "leeds").content.decode()

    assert choices(page) == 1
    assert "Leeds Proposed" not in page


def test_matches_are_capped_and_say_so(client):
    motion, branch = reportable()
    for n in range(selectors.SEARCH_LIMIT + 5):
        tree_body(f"Leeds {n:02d}", Level.BRANCH, parent=branch.parent)

    page = matches(client, motion, "leeds").content.decode()

    assert choices(page) == selectors.SEARCH_LIMIT
    assert f"Only the first {selectors.SEARCH_LIMIT} bodies are shown" in page


@pytest.mark.parametrize(
    "query",
    ["x" * 5000, "\x00leeds", "leeds' OR 1=1 --", "(((", "\\", "%_%", "🙂🙂", "leeds " * 50],
)
def test_odd_input_is_never_an_error(client, query):
    motion, _branch = reportable()

    response = matches(client, motion, query)

    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<div id="body-matches"')


def test_a_draft_or_unknown_motion_has_no_matches(client):
    motion, _branch = reportable()
    Motion.objects.filter(pk=motion.pk).update(state=MotionState.DRAFT)

    draft = matches(client, motion, "leeds")
    unknown = client.get("/en/motions/no-such-motion/report/", {"q": "leeds"}, **HTMX)

    assert (draft.status_code, unknown.status_code) == (404, 404)


@pytest.mark.parametrize("count", [1, 3])
def test_matches_cost_the_same_queries_for_1_or_3_bodies(client, django_assert_num_queries, count):
    motion, branch = reportable()
    for n in range(count - 1):
        tree_body(f"Leeds North {n}", Level.BRANCH, parent=branch.parent)
    matches(client, motion, "leeds")  # the session and the language settle

    # the motion, its current version; the bodies found, the names above them
    with django_assert_num_queries(4):
        page = matches(client, motion, "leeds").content.decode()

    assert choices(page) == count


def test_a_control_character_separates_words_like_a_space(client):
    motion, _branch = reportable()

    page = matches(client, motion, "central\x00leeds").content.decode()

    assert choices(page) == 1
