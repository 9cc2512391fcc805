"""The register form shares its fields between instances (core/shared_form_fields.py): nothing
one submission does to its form (errors, values, language) reaches another form through them."""

from __future__ import annotations

import pytest
from django.test import Client

from ayni.events.forms import RegisterForm
from ayni.events.tests.page_builders import make_event, url_in
from tests.form_sharing import (
    assert_renders_as_plain,
    assert_threads_render_as_plain,
    assert_uses_class_fields,
    field_state,
    use_every_way,
)


class PlainRegisterForm(RegisterForm):
    """The same form, its fields deep-copied for every instance as Django does by default."""


BAD = {
    "name": "Leaky Lucía",
    "email": "leaky-at-example.org",
    "country": "XX",
    "organisation": "O" * 201,
    "access_needs": "Captions",
    "website": "",
}
GOOD = {"name": "Ana Sampleton", "email": "ana@example.org", "country": "BO"}


def test_instances_use_the_class_fields_but_each_its_own_dict():
    assert_uses_class_fields(RegisterForm, PlainRegisterForm)


@pytest.mark.django_db
def test_using_the_form_leaves_the_shared_fields_as_they_were():
    before = field_state(RegisterForm)

    use_every_way(RegisterForm, BAD, GOOD)

    assert field_state(RegisterForm) == before


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("data", [None, BAD, GOOD], ids=["empty", "bad", "good"])
def test_after_any_use_a_form_renders_as_the_plain_form_does(language, data):
    use_every_way(RegisterForm, BAD, GOOD)

    assert_renders_as_plain(RegisterForm, PlainRegisterForm, data, language)


@pytest.mark.django_db(transaction=True)
def test_forms_used_at_once_in_many_threads_render_as_the_plain_form_does():
    assert_threads_render_as_plain(RegisterForm, PlainRegisterForm, [None, BAD, GOOD])


@pytest.mark.django_db
def test_a_refused_form_leaves_nothing_in_the_next_readers_form():
    event = make_event()
    refused = Client().post(url_in("es", "events:register", slug=event.slug), BAD)
    assert refused.status_code == 422
    assert "Leaky Lucía" in refused.content.decode()

    for language in ("en", "es"):
        page = Client().get(url_in(language, "events:detail", slug=event.slug)).content.decode()
        assert "Leaky" not in page
        assert 'aria-invalid="true"' not in page
        assert "leaky-at-example.org" not in page
