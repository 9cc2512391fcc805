"""The sign form shares its fields between instances (core/shared_form_fields.py): nothing one
submission does to its form (errors, values, language) reaches another form through them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ayni.statements.forms import SignForm
from tests.factories import StatementFactory
from tests.form_sharing import assert_renders_as_plain, assert_threads_render_as_plain
from tests.form_sharing import field_state as shared_field_state


class PlainSignForm(SignForm):
    """The same form, its fields deep-copied for every instance as Django does by default."""


BAD = {
    "kind": "organisation",
    "name": "Leaky Lucía",
    "email": "leaky-at-example.org",
    "country": "XX",
    "organisation": "",
    "comment": "C" * 501,
    "show_publicly": "on",
    "website": "",
}
GOOD = {"kind": "individual", "name": "Ana Sampleton", "email": "ana@example.org", "country": "BO"}


def field_state() -> dict[str, str]:
    return shared_field_state(SignForm)


def use_the_form_every_way() -> None:
    """What requests do with a sign form: in both languages, bad and good input, rendered."""
    for language in ("es", "en"):
        with translation.override(language):
            bad = SignForm(BAD)
            assert not bad.is_valid()
            bad.add_error(None, "A check failed")
            bad.as_div()
            [str(field) + str(field.errors) for field in bad.text_fields]
            good = SignForm(GOOD)
            assert good.is_valid(), good.errors
            SignForm(initial={"kind": "organisation", "name": "Initial Ivan"}).as_div()


def test_instances_use_the_class_fields_but_each_its_own_dict():
    # Else the tests below would prove nothing about sharing.
    first, second = SignForm(), SignForm()

    assert first.fields is not second.fields
    assert first.fields["country"] is second.fields["country"] is SignForm.base_fields["country"]
    assert PlainSignForm().fields["country"] is not PlainSignForm.base_fields["country"]


def test_using_the_form_leaves_the_shared_fields_as_they_were():
    before = field_state()

    use_the_form_every_way()

    assert field_state() == before


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("data", [None, BAD, GOOD], ids=["empty", "bad", "good"])
def test_after_any_use_a_form_renders_as_the_plain_form_does(language, data):
    use_the_form_every_way()

    assert_renders_as_plain(SignForm, PlainSignForm, data, language)


def test_forms_used_at_once_in_many_threads_render_as_the_plain_form_does():
    assert_threads_render_as_plain(SignForm, PlainSignForm, [None, BAD, GOOD])


@pytest.mark.django_db
def test_a_refused_submission_leaves_nothing_in_the_next_readers_form():
    statement = StatementFactory()
    with translation.override("es"):
        sign_url = reverse("statements:sign", kwargs={"slug": statement.slug})
    refused = Client().post(sign_url, BAD)
    assert refused.status_code == 422
    assert "Leaky Lucía" in refused.content.decode()

    for language in ("en", "es"):
        with translation.override(language):
            page = Client().get(statement.get_absolute_url()).content.decode()
        assert "Leaky" not in page
        assert 'aria-invalid="true"' not in page
        assert "leaky-at-example.org" not in page
