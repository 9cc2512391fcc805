"""A speaker's page: who they are and the events they appear at, with their roles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ayni.events.enums import EventState, Role
from ayni.events.tests.page_builders import appear, make_event, make_speaker, url_in

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_the_speaker_page_shows_who_they_are_and_their_events_with_roles(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    speaker = make_speaker(
        "Carla Condori",
        affiliation="General Secretary, Miners' Union",
        bio_en="Organiser since 1995.",
        bio_es="Organizadora desde 1995.",
        photo_alt="Carla speaking at a rally",
        links="https://example.org/carla\njavascript:alert(1)\n\nhttps://social.example.org/@carla",
    )
    speaker.photo.save("carla.png", SimpleUploadedFile("carla.png", PNG), save=True)
    later = make_event(title_en="Later meeting", starts_in=timedelta(days=9))
    earlier = make_event(title_en="Earlier meeting", starts_in=timedelta(days=-9))
    draft = make_event(title_en="Secret draft", state=EventState.DRAFT)
    appear(later, speaker, Role.CHAIR)
    appear(earlier, speaker, Role.SPEAKER)
    appear(earlier, speaker, Role.RESPONDENT)
    appear(draft, speaker, Role.SPEAKER)

    response = client.get(url_in("en", "events:speaker", slug=speaker.slug))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Carla Condori</h1>" in page
    assert "General Secretary, Miners&#x27; Union" in page
    assert "Organiser since 1995." in page
    assert 'alt="Carla speaking at a rally"' in page
    assert 'href="https://example.org/carla"' in page
    assert 'href="https://social.example.org/@carla"' in page
    assert "javascript:" not in page
    assert page.index("Later meeting") < page.index("Earlier meeting")
    assert "Chair" in page and "Speaker, Respondent" in page
    assert "Secret draft" not in page
    spanish = client.get(url_in("es", "events:speaker", slug=speaker.slug)).content.decode()
    assert "Organizadora desde 1995." in spanish


def test_a_speaker_only_on_drafts_or_unknown_is_404(client):
    speaker = make_speaker("Not announced yet")
    appear(make_event(state=EventState.DRAFT), speaker)

    assert client.get(url_in("en", "events:speaker", slug=speaker.slug)).status_code == 404
    assert client.get(url_in("en", "events:speaker", slug="nobody")).status_code == 404
