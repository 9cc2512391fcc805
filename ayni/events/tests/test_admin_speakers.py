"""Speakers and hosts in the back office: an address made from the name, a photo that must be
an image, a host's link code."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ayni.events.models import Host, Speaker

pytestmark = pytest.mark.django_db


def test_a_speakers_address_is_made_from_their_name(client_for):
    client = client_for("organiser")
    response = client.post(reverse("admin:events_speaker_add"), {"name": "María Galindo"})
    assert response.status_code == 302
    assert Speaker.objects.get().slug == "maria-galindo"
    client.post(reverse("admin:events_speaker_add"), {"name": "María Galindo"})
    assert Speaker.objects.latest("pk").slug == "maria-galindo-2"


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_saved(client_for):
    fake = SimpleUploadedFile("photo.png", b"<?php echo 'no'; ?>", content_type="image/png")
    response = client_for("organiser").post(
        reverse("admin:events_speaker_add"), {"name": "Ana Flores", "photo": fake}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"]
    assert not Speaker.objects.exists()


def test_a_hosts_code_must_be_a_slug_and_unique(client_for):
    client = client_for("organiser")
    Host.objects.create(name="Bolivia Solidarity Campaign", code="bsc")
    response = client.post(reverse("admin:events_host_add"), {"name": "Other", "code": "bsc"})
    assert response.context["adminform"].form.errors["code"] == [
        "Host with this Link code already exists."
    ]
    response = client.post(reverse("admin:events_host_add"), {"name": "Other", "code": "a b?"})
    assert response.context["adminform"].form.errors["code"]
    assert Host.objects.count() == 1


def test_the_check_in_page_speaks_spanish(client_for, settings):
    from ayni.events.tests.admin_fixtures import make_event

    event = make_event()
    client = client_for("organiser")
    response = client.get(
        reverse("admin:events_event_check_in", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="es"
    )
    page = response.content.decode()
    assert "Código de entrada" in page
    assert "0 han entrado de 0 inscritas" in page
