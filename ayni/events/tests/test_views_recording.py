"""A past event's recording: a plain link that becomes the player only on a click (with
JavaScript), from youtube-nocookie, Vimeo or a PeerTube instance; the page's policy lets it
frame exactly that player's origin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from ayni.core.embeds import recording
from ayni.core.middleware import CONTENT_SECURITY_POLICY
from ayni.events.tests.page_builders import make_event

pytestmark = pytest.mark.django_db

PEERTUBE_UUID = "9c9de5e8-0a1e-484a-b099-e80766180a6d"


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ?t=42", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&list=x",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/live/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        (
            "https://vimeo.com/76979871/8272103f6e",
            "https://player.vimeo.com/video/76979871?h=8272103f6e",
        ),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871"),
        (
            f"https://peertube.example.org/videos/watch/{PEERTUBE_UUID}",
            f"https://peertube.example.org/videos/embed/{PEERTUBE_UUID}",
        ),
        (
            "https://tube.example.net/w/kkGMgK9ZtnKfYAgnEtQxbv",
            "https://tube.example.net/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv",
        ),
    ],
)
def test_players_it_embeds(url, embed):
    assert recording(url).embed_url == embed


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UC123",
        "https://vimeo.com/channels/staffpicks",
        "http://peertube.example.org/videos/watch/" + PEERTUBE_UUID,  # not https
        "https://user:pw@tube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv",
        "https://example.org/recording.mp4",
        "https://archive.example.org/w/index.php",
        "ftp://files.example.org/recording.mp4",
    ],
)
def test_any_other_address_stays_a_plain_link(url):
    shown = recording(url)
    assert (shown.url, shown.embed_url) == (url, "")


def test_no_recording_no_section():
    assert recording("") is None


def past_page(client, recording_url: str):
    event = make_event(starts_in=timedelta(days=-3), recording_url=recording_url)
    return client.get(reverse("events:detail", kwargs={"slug": event.slug}))


def test_the_recording_is_a_link_until_clicked_and_the_policy_frames_only_its_player(client):
    response = past_page(client, "https://www.youtube.com/watch?v=dQw4w9WgXcQ")

    page = response.content.decode()
    # Nothing from the video host is loaded by the page itself.
    assert "<iframe" not in page
    assert "<img" not in page.split('class="recording-embed"')[1].split("</div>")[0]
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page
    assert (
        '<a class="button" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" '
        'rel="noopener noreferrer" data-embed-play>Watch the recording</a>' in page
    )
    assert "Playing it loads the video from www.youtube-nocookie.com." in page
    assert response["Content-Security-Policy"] == (
        CONTENT_SECURITY_POLICY + "; frame-src 'self' https://www.youtube-nocookie.com"
    )


def test_a_peertube_recording_lets_its_own_instance_be_framed(client):
    response = past_page(client, f"https://tube.example.org/videos/watch/{PEERTUBE_UUID}")

    assert response["Content-Security-Policy"].endswith("frame-src 'self' https://tube.example.org")


def test_another_address_is_a_plain_link_and_the_policy_is_unchanged(client):
    response = past_page(client, "https://example.org/recording.mp4")

    page = response.content.decode()
    assert "data-embed-src" not in page
    assert 'href="https://example.org/recording.mp4"' in page
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_an_upcoming_event_shows_no_recording(client):
    event = make_event(recording_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")

    response = client.get(reverse("events:detail", kwargs={"slug": event.slug}))

    assert "Watch the recording" not in response.content.decode()
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
