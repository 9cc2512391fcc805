"""The bodies' CSV import page (admin_views.body_import): upload → the dry-run report → the
button that imports the very file checked; only organisers; bad files refused, nothing stored."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ayni.motions.body_admin_views import SESSION_KEY
from ayni.motions.models import Body, Organisation
from ayni.motions.tests.factories import body_csv
from tests.access import LOGIN, assert_access

pytestmark = pytest.mark.django_db

URL = "admin:motions_body_import"
TREE = body_csv(
    ["unite", "Unite the Union", "union", "nat", "Unite", "", "1", "", "GB", ""],
    ["unite", "", "", "yorks", "Yorkshire Region", "", "2", "nat", "GB", ""],
    ["unite", "", "", "leeds", "Leeds Branch", "", "4", "yorks", "GB", ""],
)


def upload(client, data: bytes, name: str = "bodies.csv"):
    return client.post(reverse(URL), {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_only_organisers_may_check_or_import_a_file(client_for):
    expected = {
        "anonymous": LOGIN,
        "outsider": LOGIN,
        "viewer": 403,
        "moderator": 403,
        "organiser": 200,
    }
    for persona in expected:
        client = client_for(persona)
        response = upload(client, TREE)
        assert (LOGIN if response.status_code == 302 else response.status_code) == expected[
            persona
        ], persona
        confirm = client.post(reverse(URL), {"sha256": hashlib.sha256(TREE).hexdigest()})
        if persona != "organiser":
            assert confirm.status_code in (302, 403)
            assert not Body.objects.exists()
    assert_access(client_for, reverse(URL), "get", expected)


def test_the_dry_run_reports_what_would_change_and_the_button_imports_it(client_for):
    client = client_for("organiser")

    checked = upload(client, TREE)

    page = checked.content.decode()
    assert checked.status_code == 200
    assert "What the import would do" in page
    assert "1 new organisation: unite" in page
    assert "Bodies: 3 new, 0 moved, 0 changed, 0 unchanged." in page
    assert '<input type="submit" class="default" value="Import 3 rows">' in page
    assert not Body.objects.exists()

    digest = hashlib.sha256(TREE).hexdigest()
    assert f'name="sha256" value="{digest}"' in page
    imported = client.post(reverse(URL), {"sha256": digest}, follow=True)

    assert imported.redirect_chain[-1][0] == reverse("admin:motions_body_changelist")
    assert (
        "Imported: 1 new organisations, 3 new bodies, 0 moved, 0 changed, 0 unchanged."
        in imported.content.decode()
    )
    assert Body.objects.count() == 3
    assert SESSION_KEY not in client.session
    # The same button again: the file is no longer waiting.
    again = client.post(reverse(URL), {"sha256": digest})
    assert again.status_code == 409
    assert Body.objects.count() == 3


def test_the_button_imports_only_the_file_that_was_checked(client_for):
    client = client_for("organiser")
    upload(client, TREE)

    forged = client.post(reverse(URL), {"sha256": hashlib.sha256(b"another").hexdigest()})

    assert forged.status_code == 409
    assert "Please upload it again." in forged.content.decode()
    assert not Body.objects.exists()


def test_a_file_with_errors_shows_them_by_row_and_column_and_offers_no_button(client_for):
    client = client_for("organiser")
    data = body_csv(
        ["unite", "Unite", "union", "a", "A", "", "2", "b", "", ""],
        ["unite", "", "", "b", "B", "", "3", "a", "", ""],
        ["unite", "", "", "c", "C", "", "4", "nowhere", "XX", ""],
    )

    response = upload(client, data)

    page = response.content.decode()
    assert response.status_code == 422
    assert "3 problems were found; nothing was imported." in page
    assert "<td>4</td><td>country</td>" in page
    assert "No body of unite has the code “nowhere”" in page
    assert "row 2 (a) → row 3 (b) → row 2 (a)" in page
    assert 'name="sha256"' not in page
    assert SESSION_KEY not in client.session
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"name;level\nLeon;1\n", "The header row lacks the column(s)"),
        ("name;level\nLe\u00f3n;1\n".encode("latin-1"), "The file is not UTF-8 text"),
        (b"\xff\xfe\x00n\x00a", "The file is not UTF-8 text"),
        (b'organisation_code,code,name,level,parent_code\nu,a,"A,1,\n', "not valid CSV"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message(client_for, data, message):
    response = upload(client_for("organiser"), data)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Body.objects.exists()


def test_a_file_too_large_is_refused(client_for, settings):
    settings.BODY_IMPORT_MAX_BYTES = 1024

    response = upload(client_for("organiser"), TREE * 20)

    assert response.status_code == 422
    assert "The file is larger than 1 MB." in response.content.decode()


def test_no_file_is_refused(client_for):
    response = client_for("organiser").post(reverse(URL), {})

    assert response.status_code == 422
    assert "Choose a CSV file." in response.content.decode()


def test_the_page_is_in_spanish_too(client_for):
    client = client_for("organiser")
    client.cookies["ayni_language"] = "es"

    page = upload(client, TREE).content.decode()

    assert "Importar 3 filas" in page
