"""Adding a statement in the back office: the address (slug) is proposed from the title."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ayni.core.admin_slugs import propose_slug
from ayni.statements.enums import StatementState
from ayni.statements.models import Statement, StatementTranslation
from tests.factories import StatementFactory, log_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def add(client, *, slug: str = "", titles: tuple[str, ...] = ("¡Acción por el río!",), **extra):
    data = {
        "slug": slug,
        "default_language": "en",
        "translations-TOTAL_FORMS": str(len(titles)),
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "1",
        "translations-MAX_NUM_FORMS": "1000",
        "notables-TOTAL_FORMS": "0",
        "notables-INITIAL_FORMS": "0",
        "notables-MIN_NUM_FORMS": "0",
        "notables-MAX_NUM_FORMS": "1000",
        **extra,
    }
    for index, (language, title) in enumerate(zip(("en", "es"), titles, strict=False)):
        data.update(
            {
                f"translations-{index}-language": language,
                f"translations-{index}-title": title,
                f"translations-{index}-summary": "Short",
                f"translations-{index}-body": "Long",
            }
        )
    return client.post(reverse("admin:statements_statement_add"), data)


def test_a_blank_address_is_made_from_the_first_title(client):
    log_in_as(client, "Organiser")

    response = add(client, titles=("¡Acción por el río!", "Otro título"))

    statement = Statement.objects.get()
    assert response.status_code == 302
    assert statement.slug == "accion-por-el-rio"
    assert statement.state == StatementState.DRAFT
    assert sorted(statement.translations.values_list("title", flat=True)) == [
        "Otro título",
        "¡Acción por el río!",
    ]


def test_the_back_office_names_a_saved_statement_by_its_title_not_its_address(client):
    from django.contrib.admin.models import LogEntry

    log_in_as(client, "Organiser")

    response = add(client, titles=("¡Acción por el río!", "Otro título"))
    page = client.get(response["Location"]).content.decode()

    assert "¡Acción por el río!" in page and "“accion-por-el-rio”" not in page
    assert LogEntry.objects.get().object_repr == "¡Acción por el río!"


def test_a_proposed_address_never_takes_one_in_use(client):
    StatementFactory(slug="accion-por-el-rio")
    log_in_as(client, "Organiser")

    add(client)
    add(client)

    assert sorted(Statement.objects.values_list("slug", flat=True)) == [
        "accion-por-el-rio",
        "accion-por-el-rio-2",
        "accion-por-el-rio-3",
    ]


def test_a_typed_address_is_kept_and_checked(client):
    StatementFactory(slug="taken")
    log_in_as(client, "Organiser")

    kept = add(client, slug="my-own-address")
    clash = add(client, slug="taken")

    assert kept.status_code == 302
    assert Statement.objects.filter(slug="my-own-address").exists()
    assert clash.status_code == 200
    assert "Statement with this Address already exists." in clash.content.decode()
    assert Statement.objects.count() == 2


def test_no_title_to_make_an_address_from_is_a_clear_error(client):
    log_in_as(client, "Organiser")
    before = (Statement.objects.count(), StatementTranslation.objects.count())

    symbols = add(client, titles=("✊✊✊",))
    empty = add(client, titles=("",))

    assert symbols.status_code == 200
    assert "Type an address: none could be made from the title." in symbols.content.decode()
    assert empty.status_code == 200
    assert "This field is required." in empty.content.decode()
    assert (Statement.objects.count(), StatementTranslation.objects.count()) == before


def test_the_add_page_says_the_address_may_be_left_blank(client):
    log_in_as(client, "Organiser")

    page = client.get(reverse("admin:statements_statement_add")).content.decode()

    assert "Leave it blank to make one from the title." in page
    assert 'name="slug"' in page and 'name="slug" required' not in page


def test_propose_slug_fits_the_field_and_skips_what_is_taken():
    long_title = "word " * 40
    StatementFactory(slug=propose_slug(long_title, model=Statement))

    second = propose_slug(long_title, model=Statement)

    assert len(second) <= 80 and second.endswith("-2")
    assert propose_slug("!!!", model=Statement) == ""
