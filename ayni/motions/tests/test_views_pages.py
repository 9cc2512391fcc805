"""The motions list, a motion's page in both languages, its earlier versions, its print page
and the preview for organisers (documents: test_views_documents.py)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from ayni.motions.enums import AdoptionStatus, Level, MotionState, Outcome
from ayni.motions.tests.factories import (
    MotionFactory,
    draft_version,
    publish_version,
    report,
    tree_body,
    url_in,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def detail(slug: str, language: str = "en") -> str:
    return url_in(language, "motions:detail", slug=slug)


def ordered_items(page: str) -> list[tuple[str, str]]:
    """(start, items) of each numbered list of the motion's text."""
    return re.findall(r'<ol class="motion-section" start="(\d+)">(.*?)</ol>', page, re.S)


def test_a_published_motion_shows_its_text_numbered_and_what_counts(client):
    motion = MotionFactory()
    publish_version(motion)
    national = tree_body("Example Union", Level.NATIONAL)
    branch = tree_body("Leeds Branch", Level.BRANCH, parent=national)
    other = tree_body("Bristol Branch", Level.BRANCH, parent=national)
    report(motion, branch)
    report(motion, other, status=AdoptionStatus.SUBMITTED)  # not verified: not counted
    report(motion, national, outcome=Outcome.REJECTED)  # not adopted: not counted

    with translation.override("en"):
        response = client.get(reverse("motions:detail", kwargs={"slug": motion.slug}))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<li>The elected government was overthrown.</li>" in page
    assert "Adopted by 1 body" in page


def test_the_paragraphs_are_numbered_on_across_the_sections_under_their_headings(client):
    motion = MotionFactory(explanation_en="Our **members** asked.\n\nSecond paragraph.")
    publish_version(motion)

    page = client.get(detail(motion.slug)).content.decode()

    sections = ordered_items(page)
    assert [start for start, _items in sections] == ["1", "3", "4"]
    assert [re.findall(r"<li>(.*?)</li>", items) for _start, items in sections] == [
        ["The elected government was overthrown.", "The people resisted."],
        ["Democracy must be defended."],
        ["To affiliate to the campaign.", "To forward this motion."],
    ]
    headings = re.findall(r'<h3 class="motion-section-heading">(.*?)</h3>', page)
    assert headings == ["This branch notes", "This branch believes", "This branch resolves"]
    assert "<p>Our <strong>members</strong> asked.</p>" in page
    assert '<meta name="description" content="Our members asked.">' in page
    assert '<meta property="og:title" content="Solidarity with Bolivia">' in page
    assert '<meta property="og:description" content="Our members asked.">' in page
    assert f'<meta property="og:url" content="{settings.SITE_URL}{detail(motion.slug)}">' in page


def test_the_page_in_spanish_shows_the_spanish_text_and_falls_back_field_by_field(client):
    motion = MotionFactory(explanation_es="")
    publish_version(motion, believes_es="")

    page = client.get(detail(motion.slug, "es")).content.decode()

    assert "<h1>Solidaridad con Bolivia</h1>" in page
    assert "<li>El gobierno electo fue derrocado.</li>" in page
    assert "<li>Democracy must be defended.</li>" in page  # no Spanish: the English
    assert "Esta sección constata" in page
    assert "Why this matters to us." in page  # the explanation, falling back too
    assert 'id="untranslated"' in page
    # Only the languages the text is written in are offered to download.
    assert "/download/es.pdf" not in page
    assert "/download/en.pdf" in page


def test_the_page_lists_commitments_downloads_print_and_the_version_history(client):
    motion = MotionFactory(suggested_commitments="forward,affiliate,unknown")
    first = publish_version(motion, 1, change_note="")
    first.published_at = timezone.now() - timedelta(days=30)
    first.save()
    publish_version(motion, 2, change_note="Added the call for delegates.")
    draft_version(motion, 3, notes_en="Not yet public.")

    page = client.get(detail(motion.slug)).content.decode()

    assert "<li>Affiliate to the campaign</li>" in page
    assert "<li>Forward the motion to the next level</li>" in page
    assert "unknown" not in page
    assert f'href="/en/motions/{motion.slug}/print/"' in page
    for language in ("en", "es"):
        for kind in ("odt", "pdf"):
            assert f'href="/en/motions/{motion.slug}/download/{language}.{kind}" download' in page
    history = page.split('id="versions-heading"')[1]
    assert "Added the call for delegates." in history
    assert f'href="/en/motions/{motion.slug}/v1/"' in history
    assert "/v2/" not in history  # the version shown is not a link to itself
    assert "Version 3" not in page and "Not yet public." not in page


def test_an_older_version_reads_as_it_was_and_points_to_the_current_one(client):
    motion = MotionFactory()
    publish_version(motion, 1, notes_en="The old wording.")
    publish_version(motion, 2)

    page = client.get(url_in("en", "motions:version", slug=motion.slug, number=1)).content.decode()

    assert "<li>The old wording.</li>" in page
    assert "This is version 1, not the current text." in page
    assert "Read the current version (2)" in page
    assert '<meta name="robots" content="noindex">' in page

    spanish = client.get(url_in("es", "motions:version", slug=motion.slug, number=1))
    assert "Esta es la versión 1, no el texto actual." in spanish.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/en/motions/no-such-motion/",
        "/en/motions/no-such-motion/v1/",
        "/en/motions/no-such-motion/print/",
        "/en/motions/{slug}/v9/",
        "/en/motions/{slug}/v3/",  # a draft version
        "/en/motions/{slug}/v0/",
        "/en/motions/{slug}/v99999999999999999999999/",
        "/en/motions/{draft}/",
        "/en/motions/{draft}/print/",
        "/en/motions/{draft}/v1/",
    ],
)
def test_unknown_motions_and_versions_are_not_found(client, path):
    motion = MotionFactory(slug="bolivia")
    publish_version(motion, 1)
    draft_version(motion, 3)
    draft = MotionFactory(slug="secret", state=MotionState.DRAFT)
    publish_version(draft, 1)

    response = client.get(path.format(slug="bolivia", draft="secret"))

    assert response.status_code == 404


def test_a_draft_motion_is_not_found(client):
    draft = MotionFactory(state=MotionState.DRAFT)

    with translation.override("en"):
        response = client.get(reverse("motions:detail", kwargs={"slug": draft.slug}))

    assert response.status_code == 404


def test_the_page_answers_only_safe_methods(client):
    motion = MotionFactory()
    publish_version(motion)

    assert client.post(detail(motion.slug)).status_code == 405


def test_a_motion_without_a_published_text_says_so(client):
    motion = MotionFactory()

    page = client.get(detail(motion.slug)).content.decode()

    assert "The text of this motion is not published yet." in page
    assert "/download/" not in page


def test_organisers_preview_a_draft_with_its_draft_version(client):
    motion = MotionFactory(state=MotionState.DRAFT, slug="draft-one")
    draft_version(motion, 1, notes_en="Draft wording.")
    client.force_login(UserFactory(role="Organiser"))

    response = client.get(detail(motion.slug) + "?preview=1")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview — not published" in page
    assert "<li>Draft wording.</li>" in page
    assert "Version 1 (draft)" in page
    assert '<meta name="robots" content="noindex">' in page
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("role", [None, "Staff", "Moderator"])
def test_no_one_else_sees_a_draft_even_asking_for_a_preview(client, role):
    motion = MotionFactory(state=MotionState.DRAFT)
    draft_version(motion, 1, notes_en="Draft wording.")
    if role:
        client.force_login(UserFactory(role=role))

    response = client.get(detail(motion.slug) + "?preview=1")

    assert response.status_code == 404
    assert b"Draft wording." not in response.content


def test_the_print_page_has_the_text_alone_numbered_with_title_version_and_footer(client):
    motion = MotionFactory(slug="bolivia")
    publish_version(motion)

    page = client.get(url_in("en", "motions:print", slug="bolivia")).content.decode()

    assert "<h1>Solidarity with Bolivia</h1>" in page
    assert re.search(r'<p class="version">Version 1 · \w', page)
    assert '<ol start="3">' in page and '<ol start="4">' in page
    assert f"Model motion from ayni — {settings.SITE_URL}/en/motions/bolivia/" in page
    assert "motions/print.css" in page
    assert 'class="site-header"' not in page
    assert "<script" not in page and "style=" not in page

    spanish = client.get(url_in("es", "motions:print", slug="bolivia")).content.decode()
    assert "<h1>Solidaridad con Bolivia</h1>" in spanish
    assert "<h2>Esta sección resuelve</h2>" in spanish
    assert "Moción modelo de ayni — " in spanish


def test_the_report_call_to_action_links_the_report_form_once_it_exists(client):
    motion = MotionFactory(slug="bolivia")
    publish_version(motion)

    page = client.get(detail("bolivia")).content.decode()

    try:
        url = reverse("motions:report", kwargs={"slug": "bolivia"})
    except Exception:
        assert "Report an adoption" not in page
    else:
        assert f'href="{url}"' in page


# --- The list -----------------------------------------------------------------------------


def test_the_list_shows_each_public_motion_with_its_first_line_and_count(client):
    national = tree_body("Example Union", Level.NATIONAL)
    branches = [tree_body(f"Branch {n}", Level.BRANCH, parent=national) for n in range(3)]
    adopted = MotionFactory(
        title_en="Solidarity with Bolivia", explanation_en="## Why\nIt matters to us.\n\nMore."
    )
    publish_version(adopted)
    for branch in branches[:2]:
        report(adopted, branch)
    report(adopted, branches[2], status=AdoptionStatus.SUBMITTED)
    quiet = MotionFactory(title_en="Another motion", state=MotionState.ARCHIVED)
    publish_version(quiet)
    MotionFactory(title_en="Secret draft", state=MotionState.DRAFT)

    page = client.get(url_in("en", "motions:list")).content.decode()

    assert "Solidarity with Bolivia" in page and "Another motion" in page
    assert "Secret draft" not in page
    assert "<p>Why</p>" in page
    assert "Adopted by 2 bodies" in page
    assert "Adopted by 0 bodies" in page

    spanish = client.get(url_in("es", "motions:list")).content.decode()
    assert "Solidaridad con Bolivia" in spanish
    assert "Aprobada por 2 órganos" in spanish


@pytest.mark.parametrize("items", [1, 3])
def test_the_list_costs_the_same_queries_for_1_and_3_motions(
    client, django_assert_num_queries, items
):
    national = tree_body("Example Union", Level.NATIONAL)
    for number in range(items):
        motion = MotionFactory()
        publish_version(motion)
        report(motion, tree_body(f"Branch {number}", Level.BRANCH, parent=national))
    url = url_in("en", "motions:list")
    client.get(url)

    # the motions with their counts
    with django_assert_num_queries(1):
        page = client.get(url).content.decode()

    assert page.count("Adopted by 1 body") == items


@pytest.mark.parametrize("versions", [1, 3])
def test_the_page_costs_the_same_queries_for_1_and_3_versions(
    client, django_assert_num_queries, versions
):
    motion = MotionFactory()
    for number in range(1, versions + 1):
        publish_version(motion, number)
    url = detail(motion.slug)
    client.get(url)
    cache.delete(f"page:motion:{motion.slug}:en")  # the whole page is kept a few seconds

    # the motion; its published versions; the roll-up's stamp (its section is kept)
    with django_assert_num_queries(3):
        client.get(url)
