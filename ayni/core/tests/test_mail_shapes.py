"""Templates rendered once per shape: the same text as rendering each email plainly, or, where a
template does more with a personal value than print it, plain rendering itself."""

from __future__ import annotations

import copy

import pytest

from ayni.core import mail_shapes
from ayni.core.campaign import forget_campaign
from ayni.core.mail import render_mail
from ayni.core.models import Campaign

pytestmark = pytest.mark.django_db


class Person:
    def __init__(self, name: str, code: object = "K7") -> None:
        self.name = name
        self.code = code

    def shout(self) -> str:
        return self.name.upper()


@pytest.fixture
def write(settings, tmp_path):
    """Write `shaped/<name>` templates of this test's own; returns the template's name."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    (tmp_path / "shaped").mkdir()
    mail_shapes.forget()

    def write(name: str, subject: str, text: str, html: str) -> str:
        for suffix, body in (("_subject.txt", subject), (".txt", text), (".html", html)):
            (tmp_path / "shaped" / f"{name}{suffix}").write_text(body)
        return f"shaped/{name}"

    yield write
    mail_shapes.forget()


def both(template: str, context: dict, language: str = "en") -> tuple:
    """(shaped, plain): the same email rendered both ways."""
    shaped = render_mail(template, context, language, personal=("person", "url"))
    return shaped, render_mail(template, context, language)


NAMES = ['Ana <b>& "Bo"</b>', "José O'Neil", "Wu \n  Li", ""]


def test_each_email_gets_its_own_values_escaped_as_the_template_escapes_them(write):
    template = write(
        "hello",
        "Hi {{ person.name }} from {{ campaign.name }}",
        "{% autoescape off %}Hello {{ person.name }}: {{ url }} ({{ person.code }}){% endautoescape %}",
        '<p>Hello {{ person.name }}</p><a href="{{ url }}">{{ person.code }}</a> {{ where }}',
    )
    for n, name in enumerate(NAMES):
        context = {
            "person": Person(name),
            "url": f"https://x.example/r/{n}?a=1&b=2",
            "where": "<here>",
        }

        shaped, plain = both(template, context)

        assert shaped == plain
    assert shaped[1] == "Hello : https://x.example/r/3?a=1&b=2 (K7)"
    assert len(mail_shapes._shapes) == 1  # one shape served all four


def test_a_subject_with_a_personal_value_is_folded_onto_one_line_as_before(write):
    template = write("fold", "Hi {{ person.name }}", "{{ url }}", "{{ url }}")

    for _ in range(2):
        shaped, plain = both(template, {"person": Person("Wu \n  Li"), "url": "u"})

        assert shaped == plain
        assert shaped[0] == "Hi Wu Li"


@pytest.mark.parametrize(
    "text",
    [
        "{% if person.name %}{{ person.name }}{% endif %}",
        "{{ person.name|default:'friend' }}",
        "{{ person.name|upper }}",
        "{{ person.name|length }}",
        "{{ person.name|truncatechars:3 }}",
        "{% if person.name == 'Ana' %}Ana!{% endif %}",
        "{% for letter in person.name %}{{ letter }}.{% endfor %}",
    ],
)
def test_a_template_that_does_more_than_print_a_personal_value_is_rendered_plainly(write, text):
    template = write("clever", "s", text, "<p>{{ url }}</p>")
    results = [
        both(template, {"person": Person(name), "url": "u"}) for name in ("Ana", "", "Bartholomew")
    ]

    assert all(shaped == plain for shaped, plain in results)
    assert list(mail_shapes._shapes.values()) == [None]


def test_a_value_that_is_not_a_string_is_rendered_plainly(write):
    """A number, or a method Django would call, is printed by Django's rules."""
    template = write("odd", "s", "{{ person.code }} {{ person.shout }}", "{{ url }}")

    for person in (Person("Ana", code=7), Person("Bo", code=8.5), Person("Cy")):
        shaped, plain = both(template, {"person": person, "url": "u"})

        assert shaped == plain
    assert shaped[1] == "K7 CY"


def test_an_edited_row_or_another_language_is_another_shape(write):
    template = write(
        "campaign",
        "{{ campaign.name }}",
        "{% load i18n %}{% translate 'Add to your calendar' %} {{ url }}",
        "x",
    )
    first = both(template, {"person": Person("A"), "url": "u1"})
    Campaign.objects.update_or_create(pk=1, defaults={"name": "Friends of Bolivia"})
    forget_campaign()
    second = both(template, {"person": Person("A"), "url": "u2"})
    third = both(template, {"person": Person("A"), "url": "u3"}, language="es")

    assert second[0] == second[1]
    assert second[0][0] == "Friends of Bolivia" != first[0][0]
    assert third[0] == third[1]
    assert third[0][1] == "Añádelo a tu calendario u3"
    assert len(mail_shapes._shapes) == 3


def test_a_context_value_with_no_stamp_is_rendered_plainly(write):
    template = write("nostamp", "s", "{{ things.0 }} {{ url }}", "x")

    shaped, plain = both(template, {"person": Person("A"), "url": "u", "things": ["a"]})

    assert shaped == plain == ("s", "a u", "x")
    assert mail_shapes._shapes == {}


def test_the_shapes_kept_are_bounded(write, monkeypatch):
    monkeypatch.setattr(mail_shapes, "MAX_SHAPES", 3)
    template = write("many", "s", "{{ n }} {{ url }}", "x")

    for n in range(7):
        shaped, plain = both(template, {"person": Person("A"), "url": "u", "n": n})
        assert shaped == plain

    assert len(mail_shapes._shapes) <= 3
