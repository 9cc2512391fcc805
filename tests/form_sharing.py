"""Checks for a form whose fields are shared between its instances (core/shared_form_fields.py):
nothing one submission does to its form (errors, values, language) reaches another through
them. Each shared form's tests call these with the form, a plain copy of it (its fields
deep-copied per instance, as Django does by default), and bad and good data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from django import forms
from django.utils import translation

LANGUAGES = ("en", "es")


def field_state(form_class: type[forms.Form]) -> dict[str, str]:
    """Everything held on the shared field objects and their widgets."""
    return {
        name: repr(vars(field)) + repr(vars(field.widget))
        for name, field in form_class.base_fields.items()
    }


def use_every_way(form_class: type[forms.Form], bad: dict, good: dict) -> None:
    """What requests do with the form: in both languages, bad and good input, rendered."""
    for language in LANGUAGES:
        with translation.override(language):
            refused = form_class(bad)
            assert not refused.is_valid()
            refused.add_error(None, "A check failed")
            refused.as_div()
            [str(field) + str(field.errors) for field in refused]
            accepted = form_class(good)
            assert accepted.is_valid(), accepted.errors


def assert_uses_class_fields(form_class: type[forms.Form], plain: type[forms.Form]) -> None:
    first, second = form_class(), form_class()
    name = next(iter(form_class.base_fields))
    assert first.fields is not second.fields
    assert first.fields[name] is second.fields[name] is form_class.base_fields[name]
    assert plain().fields[name] is not plain.base_fields[name]


def assert_renders_as_plain(
    form_class: type[forms.Form], plain: type[forms.Form], data: dict | None, language: str
) -> None:
    with translation.override(language):
        shared, plain_form = form_class(data), plain(data)
        if data:
            assert shared.is_valid() == plain_form.is_valid()
            assert shared.errors == plain_form.errors
        assert shared.as_div() == plain_form.as_div()


def assert_threads_render_as_plain(
    form_class: type[forms.Form], plain: type[forms.Form], datas: Sequence[dict | None]
) -> None:
    cases = [(language, data) for language in LANGUAGES for data in datas]

    def render(case: tuple[str, dict | None], cls: Callable[..., forms.Form]) -> str:
        language, data = case
        with translation.override(language):
            form = cls(data)
            if data:
                form.is_valid()
            return form.as_div()

    expected = [render(case, plain) for case in cases]
    with ThreadPoolExecutor(max_workers=8) as pool:
        rendered = list(pool.map(lambda i: render(cases[i % len(cases)], form_class), range(300)))
    assert rendered == [expected[i % len(cases)] for i in range(300)]
