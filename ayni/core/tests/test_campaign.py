"""The campaign's identity: validation, the back-office form, who may edit it, where it shows."""

from __future__ import annotations

import io
import os

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from ayni.core.campaign import current_campaign, darken, stylesheet
from ayni.core.models import Campaign
from ayni.core.validators import contrast_ratio
from tests.factories import OUTSIDERS, PERSONAS, log_in_as

pytestmark = pytest.mark.django_db

CHANGE_URL = "admin:core_campaign_change"


def png_bytes(size=(64, 64), colour=(200, 30, 30), image_format="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, image_format)
    return buffer.getvalue()


def noisy_png_bytes() -> bytes:
    """A real PNG over 2 MB: random pixels do not compress."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (1000, 1000), os.urandom(1000 * 1000 * 3)).save(buffer, "PNG")
    assert len(buffer.getvalue()) > 2 * 1024 * 1024
    return buffer.getvalue()


def form_data(**overrides) -> dict[str, object]:
    data: dict[str, object] = dict.fromkeys(FORM_FIELDS, "")
    data.update(name="Friends of Bolivia", accent_colour="#b3261e")
    data.update(overrides)
    return data


FORM_FIELDS = [
    field.name
    for field in Campaign._meta.fields
    if field.editable and field.name not in {"id", "logo"}
]


@pytest.fixture
def organiser_client(client):
    log_in_as(client, "Organiser")
    Campaign.objects.get_or_create(pk=1)
    return client


def test_contrast_ratio_matches_wcag_reference_values():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48
    assert round(contrast_ratio("#b3261e", "#ffffff"), 2) == 6.54


def test_the_campaign_colour_becomes_the_stylesheet():
    campaign = Campaign(pk=1, accent_colour="#1D4ED8")
    css = stylesheet(campaign)
    assert css == f":root {{ --accent: #1d4ed8; --accent-dark: {darken('#1d4ed8')}; }}\n"
    assert contrast_ratio(darken("#1d4ed8"), "#fbfaf7") >= 4.5


def test_an_organiser_saves_the_identity_and_the_change_is_logged(organiser_client):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    data = form_data(
        description_en="Solidarity with Bolivia",
        description_es="Solidaridad con Bolivia",
        logo=logo,
        logo_alt="A wiphala",
        accent_colour="#1d4ed8",
        about_en="We are **friends**.",
        mastodon="https://mastodon.example/@fob",
    )
    response = organiser_client.post(reverse(CHANGE_URL, args=[1]), data)
    assert response.status_code == 302
    campaign = Campaign.objects.get(pk=1)
    assert (campaign.accent_colour, campaign.logo_alt) == ("#1d4ed8", "A wiphala")
    assert campaign.logo.name.startswith("campaign/logo")
    entry = LogEntry.objects.get(object_id="1", action_flag=CHANGE)
    assert "Accent colour" in entry.get_change_message()
    # The saving process forgets its cached copy: the next page shows the new identity.
    assert current_campaign().accent_colour == "#1d4ed8"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"accent_colour": "#ffbf47"}, "accent_colour", "needs at least 4.5:1"),
        ({"accent_colour": "red"}, "accent_colour", "six hexadecimal digits"),
        ({"accent_colour": "#12345g"}, "accent_colour", "six hexadecimal digits"),
        ({"about_en": "Hello <script>alert(1)</script>"}, "about_en", "HTML tags are not allowed"),
        ({"about_es": "[x](javascript:alert(1))"}, "about_es", "Links must start with"),
        ({"mastodon": "javascript:alert(1)"}, "mastodon", "Enter a valid URL"),
        ({"contact_email": "not an address"}, "contact_email", "valid email"),
        ({"name": ""}, "name", "This field is required"),
        ({"sender_name": "Bad <b>"}, "sender_name", "Please do not use the characters"),
        (
            {"sender_name": "Us\nBcc: all@example.org"},
            "sender_name",
            "Please keep this on one line",
        ),
    ],
)
def test_bad_settings_are_refused_with_a_clear_error_and_nothing_saved(
    organiser_client, overrides, field, message
):
    before = Campaign.objects.get(pk=1)
    response = organiser_client.post(reverse(CHANGE_URL, args=[1]), form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    after = Campaign.objects.get(pk=1)
    assert (after.name, after.accent_colour, after.about_en, after.updated_at) == (
        before.name,
        before.accent_colour,
        before.about_en,
        before.updated_at,
    )
    assert not LogEntry.objects.filter(object_id="1").exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png"),
            "Upload a valid image",
        ),
        (
            lambda: SimpleUploadedFile(
                "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"
            ),
            "Upload a valid image",
        ),
        (lambda: SimpleUploadedFile("logo.html", png_bytes(), "text/html"), "File extension"),
        (
            lambda: SimpleUploadedFile("logo.gif", png_bytes(), "image/gif"),
            "is a PNG image but its name ends in",
        ),
        (
            lambda: SimpleUploadedFile("big.png", png_bytes(size=(4200, 4200)), "image/png"),
            "the largest we accept is 4096",
        ),
        (
            lambda: SimpleUploadedFile("noise.png", noisy_png_bytes(), "image/png"),
            "largest we accept is 2",
        ),
    ],
    ids=["not-an-image", "svg", "html-name", "lying-extension", "too-many-pixels", "too-large"],
)
def test_a_bad_logo_is_refused_and_nothing_saved(organiser_client, upload, message):
    response = organiser_client.post(reverse(CHANGE_URL, args=[1]), form_data(logo=upload()))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["logo"])
    assert message in errors
    assert not Campaign.objects.get(pk=1).logo


def test_the_campaign_cannot_be_added_twice_or_deleted(organiser_client):
    assert organiser_client.get(reverse("admin:core_campaign_add")).status_code == 403
    assert organiser_client.post(reverse("admin:core_campaign_delete", args=[1])).status_code == 403
    assert Campaign.objects.count() == 1
    # The list goes straight to the one record.
    response = organiser_client.get(reverse("admin:core_campaign_changelist"))
    assert response.status_code == 302
    assert response.url == reverse(CHANGE_URL, args=[1])


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_organisers_edit_the_campaign_and_staff_may_look(client, persona):
    Campaign.objects.get_or_create(pk=1)
    log_in_as(client, persona)
    url = reverse(CHANGE_URL, args=[1])
    page = client.get(url)
    client.post(url, form_data(name="Hijacked"))
    expected_get = {"Organiser": 200, "superuser": 200, "Staff": 200, "Moderator": 403}
    if persona in OUTSIDERS:
        assert page.status_code == 302 and "/admin/login/" in page.url
    else:
        assert page.status_code == expected_get[persona]
    changed = Campaign.objects.get(pk=1).name == "Hijacked"
    assert changed == (persona in {"Organiser", "superuser"})


def test_the_header_footer_and_pages_show_the_campaign(client):
    campaign = Campaign.objects.create(
        pk=1,
        name="Friends of Bolivia",
        description_en="Solidarity in English",
        description_es="Solidaridad en español",
        about_en="We **organise**.",
        about_es="*Organizamos*.",
        contact_email="hello@fob.example.org",
        controller="FoB\n1 Example Street",
        legal_basis_en="Your consent.",
        retention_es="Dos años.",
        mastodon="https://mastodon.example/@fob",
        facebook="https://facebook.example/fob",
    )
    home = client.get(reverse("core:home")).content.decode()
    assert '<span class="brand-name">Friends of Bolivia</span>' in home
    assert "Solidarity in English" in home
    assert '<a href="https://mastodon.example/@fob" rel="me noopener">Mastodon</a>' in home
    assert '<a href="https://facebook.example/fob" rel="noopener">Facebook</a>' in home
    assert f'href="{reverse("site:campaign_css")}?v={int(campaign.updated_at.timestamp())}"' in home

    about = client.get(reverse("core:about")).content.decode()
    assert "<h1>About Friends of Bolivia</h1>" in about
    assert "<p>We <strong>organise</strong>.</p>" in about

    privacy = client.get(reverse("core:privacy")).content.decode()
    assert "FoB\n1 Example Street" in privacy
    assert "Your consent." in privacy

    with translation.override("es"):
        about_url, privacy_url = reverse("core:about"), reverse("core:privacy")
    about_es = client.get(about_url).content.decode()
    assert "<p><em>Organizamos</em>.</p>" in about_es
    privacy_es = client.get(privacy_url).content.decode()
    assert "Dos años." in privacy_es
    # Not written in Spanish: the English text stands in.
    assert "Your consent." in privacy_es


def test_the_campaign_stylesheet_is_served_as_css_and_cached_when_versioned(client):
    Campaign.objects.create(pk=1, accent_colour="#1d4ed8")
    response = client.get(reverse("site:campaign_css") + "?v=123")
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response.content.decode().startswith(":root { --accent: #1d4ed8;")
    assert "immutable" in response["Cache-Control"]
    assert client.get(reverse("site:campaign_css"))["Cache-Control"] == "no-cache"


def test_a_site_without_a_campaign_row_still_renders(client):
    assert not Campaign.objects.exists()
    page = client.get(reverse("core:home")).content.decode()
    assert '<span class="brand-name">ayni</span>' in page
