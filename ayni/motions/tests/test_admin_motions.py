"""The motions' back office: who may see and change a motion (every persona), its versions
(published ones read only, a new one numbered after the last), its buttons (publish, publish
the new version — asking first —, feature, archive) and the preview of a draft."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ayni.motions.enums import MotionState
from ayni.motions.models import Motion, MotionVersion
from ayni.motions.tests.factories import MotionFactory, draft_version, publish_version
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
ORGANISERS_POST = {**ORGANISERS, "organiser": 302}
DRAFTS, PUBLISHED = "versions", "versions-2"


def change_url(motion: Motion) -> str:
    return reverse("admin:motions_motion_change", args=[motion.pk])


def step_url(motion: Motion, step: str) -> str:
    return reverse("admin:motions_motion_transition", args=[motion.pk, step])


def form_data(motion: Motion, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title_en": motion.title_en,
        "title_es": motion.title_es,
        "slug": motion.slug,
        "explanation_en": motion.explanation_en,
        "explanation_es": motion.explanation_es,
        "suggested_commitments": ["donate", "affiliate"],
    }
    drafts = list(motion.versions.filter(published_at__isnull=True))
    published = list(motion.versions.filter(published_at__isnull=False))
    # The inlines' prefixes: the draft's first, then the published ones'.
    for prefix, versions in ((DRAFTS, drafts), (PUBLISHED, published)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(versions),
                f"{prefix}-INITIAL_FORMS": len(versions),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for index, version in enumerate(versions):
            data[f"{prefix}-{index}-id"] = version.pk
            data[f"{prefix}-{index}-motion"] = motion.pk
            if prefix == DRAFTS:
                for field in ("notes", "believes", "resolves"):
                    for language in ("en", "es"):
                        name = f"{field}_{language}"
                        data[f"{prefix}-{index}-{name}"] = getattr(version, name)
                data[f"{prefix}-{index}-change_note"] = version.change_note
    data.update(changes)
    return data


@pytest.fixture
def motion():
    motion = MotionFactory(title_en="Solidarity with Bolivia")
    publish_version(motion, 1)
    return motion


def test_everyone_in_the_back_office_sees_motions_only_organisers_add(client_for, motion):
    for url in (reverse("admin:motions_motion_changelist"), change_url(motion)):
        assert_access(client_for, url, "get", SEE)
    assert_access(client_for, reverse("admin:motions_motion_add"), "get", ORGANISERS)


def test_only_organisers_change_publish_feature_and_archive(client_for, motion):
    responses = assert_access(
        client_for, change_url(motion), "post", ORGANISERS_POST, data=form_data(motion)
    )
    assert "Not allowed" in responses["moderator"].content.decode()
    motion.refresh_from_db()
    assert motion.suggested_commitments == "affiliate,donate"
    assert_access(client_for, step_url(motion, "feature"), "post", ORGANISERS_POST)
    assert Motion.objects.get().featured
    assert_access(
        client_for, step_url(motion, "archive"), "post", ORGANISERS_POST, data={"confirmed": "1"}
    )
    assert Motion.objects.get().state == MotionState.ARCHIVED


def test_the_viewer_sees_the_text_but_no_buttons(client_for, motion):
    draft_version(motion, 2)

    page = client_for("viewer").get(change_url(motion)).content.decode()

    assert "The elected government was overthrown." in page
    assert step_url(motion, "publish_version") not in page
    assert step_url(motion, "feature") not in page


def test_a_published_version_is_read_only_and_a_new_one_is_numbered_after_it(client_for, motion):
    organiser = client_for("organiser")
    page = organiser.get(change_url(motion)).content.decode()
    assert 'name="versions-2-0-notes_en"' not in page  # shown, not editable
    assert "The elected government was overthrown." in page

    data = form_data(motion)
    data.update(
        {
            "versions-TOTAL_FORMS": 1,
            "versions-0-notes_en": "A new fact.",
            "versions-0-believes_en": "A belief.",
            "versions-0-resolves_en": "A resolution.",
            "versions-0-change_note": "New facts.",
            # A forged edit of the published version is ignored.
            "versions-2-0-notes_en": "Rewritten.",
        }
    )
    response = organiser.post(change_url(motion), data)

    assert response.status_code == 302
    versions = {v.number: v for v in MotionVersion.objects.all()}
    assert versions[1].notes_en.startswith("The elected government")
    assert versions[2].notes_en == "A new fact." and versions[2].published_at is None
    page = organiser.get(change_url(motion)).content.decode()
    assert f'action="{step_url(motion, "publish_version")}"' in page


def test_a_draft_version_missing_its_english_text_is_refused_with_nothing_stored(
    client_for, motion
):
    data = form_data(motion)
    data.update({"versions-TOTAL_FORMS": 1, "versions-0-notes_en": "Only notes."})

    response = client_for("organiser").post(change_url(motion), data)

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert MotionVersion.objects.count() == 1


def test_publishing_the_new_version_asks_first_then_publishes_it(client_for, motion):
    draft = draft_version(motion, 2, notes_en="The new wording.")
    organiser = client_for("organiser")

    question = organiser.post(step_url(motion, "publish_version")).content.decode()

    assert "Publish the new version of “Solidarity with Bolivia”?" in question
    assert "can never be changed" in question
    assert MotionVersion.objects.get(pk=draft.pk).published_at is None
    response = organiser.post(step_url(motion, "publish_version"), {"confirmed": "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "The new version of “Solidarity with Bolivia” is published."
    ]
    assert MotionVersion.objects.get(pk=draft.pk).published_at is not None
    page = organiser.get(motion.get_absolute_url()).content.decode()
    assert "<li>The new wording.</li>" in page


def test_publishing_a_draft_motion_and_its_preview(client_for):
    draft = MotionFactory(state=MotionState.DRAFT, published_at=None, slug="new-one")
    draft_version(draft, 1, notes_es="Texto en borrador.")
    organiser = client_for("organiser")

    page = organiser.get(change_url(draft)).content.decode()
    preview = reverse("admin:motions_motion_preview", args=[draft.pk])
    assert f'href="{preview}"' in page
    response = organiser.get(preview + "?language=es")
    assert response["Location"] == "/es/motions/new-one/?preview=1"
    shown = organiser.get(response["Location"]).content.decode()
    assert 'id="preview-banner"' in shown and "Texto en borrador." in shown

    organiser.post(step_url(draft, "publish"))

    draft.refresh_from_db()
    assert draft.state == MotionState.PUBLISHED
    assert draft.versions.get().published_at is not None


def test_a_motion_with_adoption_reports_cannot_be_deleted(client_for, motion):
    from ayni.motions.enums import Level
    from ayni.motions.tests.factories import report, tree_body

    report(motion, tree_body("Branch", Level.BRANCH))

    response = client_for("organiser").post(
        reverse("admin:motions_motion_delete", args=[motion.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Motion.objects.filter(pk=motion.pk).exists()
