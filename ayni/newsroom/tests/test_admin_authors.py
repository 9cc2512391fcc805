"""Authors and tags in the back office: an address made from the name without JavaScript, a
photo that must be an image and be described, and who may change them."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ayni.newsroom.models import Author, Tag
from tests.access import LOGIN, assert_access

pytestmark = pytest.mark.django_db

ADD_AUTHOR = reverse("admin:newsroom_author_add")


def png(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def author_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Rosa Quispe",
        "slug": "",
        "role_en": "Friends of Bolivia volunteer",
        "role_es": "",
        "bio_en": "Lives in London.",
        "bio_es": "",
        "photo_alt": "",
    }
    data.update(changes)
    return data


def test_only_organisers_add_authors_and_every_role_sees_them(client_for):
    assert_access(
        client_for,
        ADD_AUTHOR,
        "get",
        {"anonymous": LOGIN, "outsider": LOGIN, "viewer": 403, "moderator": 403, "organiser": 200},
    )
    assert_access(
        client_for,
        reverse("admin:newsroom_author_changelist"),
        "get",
        {"viewer": 200, "moderator": 200, "organiser": 200},
    )


def test_an_authors_address_is_made_from_their_name_and_kept_unique(client_for):
    client = client_for("organiser")

    client.post(ADD_AUTHOR, author_data())
    client.post(ADD_AUTHOR, author_data())

    assert list(Author.objects.order_by("pk").values_list("slug", flat=True)) == [
        "rosa-quispe",
        "rosa-quispe-2",
    ]


def test_a_described_photo_is_kept(client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    response = client_for("organiser").post(
        ADD_AUTHOR, author_data(photo=png(), photo_alt="Rosa at a march")
    )

    assert response.status_code == 302
    assert Author.objects.get().photo.name.startswith("newsroom/authors/photo")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"photo": "described later"}, None, "Describe the photo for people who cannot see it."),
        (
            {"photo": SimpleUploadedFile("photo.png", b"<?php echo 1; ?>", "image/png")},
            "photo",
            "Upload a valid image.",
        ),
        ({"name": ""}, "name", "This field is required."),
        ({"name": "Rosa\u202eQuispe"}, "name", ""),
    ],
)
def test_bad_author_input_is_refused_and_nothing_stored(
    client_for, settings, tmp_path, changes, field, message
):
    settings.MEDIA_ROOT = tmp_path
    if changes.get("photo") == "described later":
        changes = {"photo": png()}

    response = client_for("organiser").post(ADD_AUTHOR, author_data(**changes))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert (field or "__all__") in errors
    assert message in str(errors)
    assert not Author.objects.exists()


def test_a_tags_address_is_made_from_its_english_name(client_for):
    response = client_for("organiser").post(
        reverse("admin:newsroom_tag_add"), {"name_en": "Trade unions", "name_es": "Sindicatos"}
    )

    assert response.status_code == 302
    assert Tag.objects.get().slug == "trade-unions"
