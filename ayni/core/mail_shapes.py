"""An email's templates rendered once per shape, each recipient's own values filled in after.

Measured (`bench/profile_reminders.py`; docs/performance.md § Events, the reminders): rendering
a reminder's subject, text and HTML with Django's templates cost about 1.4 ms of the worker's
CPU an email, yet in a reminder run of thousands of emails only a handful of values differ from
one registrant to the next (their name, their own signed links); everything else is the same
for every registrant of the event in a language. Here the templates are rendered once per
shape, with stand-ins for the personal values that print as markers; each email is then the
shape with its own values in the markers' places, escaped where the template escaped them.

What makes a shape: the template, the language and every value of the context that is not
personal (a model instance by its concrete fields, so an edited event or campaign is a new
shape). Related rows a template reads (`event.hosts.all`) are not in it: a sender whose
templates read them does not ask for shapes.

Where a template does more with a personal value than print it, the shape is refused and the
key rendered plainly from then on: a stand-in tested (`{% if %}`, `|default`), compared,
counted or iterated says so, and a filter that changed a marker (`|upper`) leaves a broken one.
Whatever else could slip by, the first email of each shape is also rendered plainly and must
come out the same. Tested against the plain rendering for every kind of event email in both
languages (ayni/events/tests/test_mail_shapes.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Hashable, Mapping
from typing import Any

from django.db.models import Model
from django.utils.html import conditional_escape

Rendered = tuple[str, ...]
# A shape: for each template, its literal text and the (path, escaped) of the personal
# values between, alternating; None for a key rendered plainly.
Shape = tuple[tuple[Any, ...], ...]

MAX_SHAPES = 128  # then forgotten all at once: memory stays flat
# A marker: a path between two private-use characters, then "~aZ" (which a change of case
# breaks) and "&" (which escaping turns into "&amp;": the marker says whether the template
# escaped the value).
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile("\ue000([A-Za-z0-9_.]+)~aZ(&amp;|&)\ue001")
_PLAIN_TYPES = (str, int, float, bool, type(None))

_shapes: dict[Hashable, Shape | None] = {}


class _Probe:
    """What the stand-ins of one rendering saw: `spoilt` once a template used one other than
    to print it."""

    spoilt = False


class _StandIn:
    """A personal value (or an attribute of one) while a shape is rendered."""

    __slots__ = ("_path", "_probe")
    _path: str
    _probe: _Probe

    def __init__(self, path: str, probe: _Probe) -> None:
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_probe", probe)

    def __getattr__(self, name: str) -> _StandIn:
        if name.startswith("_"):  # __html__, do_not_call_in_templates's kin: not a value
            raise AttributeError(name)
        return _StandIn(f"{self._path}.{name}", self._probe)

    def __str__(self) -> str:
        return f"{_OPEN}{self._path}~aZ&{_CLOSE}"

    def _spoil(self) -> None:
        self._probe.spoilt = True

    def __bool__(self) -> bool:
        self._spoil()
        return True

    def __len__(self) -> int:
        self._spoil()
        return 1

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._spoil()
        return iter(())

    def __contains__(self, item: object) -> bool:
        self._spoil()
        return False

    def __eq__(self, other: object) -> bool:
        self._spoil()
        return False

    __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __eq__  # type: ignore[assignment]
    __hash__ = object.__hash__


def render(
    template: str,
    context: Mapping[str, object],
    language: str,
    *,
    personal: Collection[str],
    plain: Callable[[str, Mapping[str, object], str], Rendered],
) -> Rendered:
    """What `plain(template, context, language)` renders, from the shape when there is one.
    `personal` names the context's values that differ from one recipient to the next."""
    key = _key(template, context, language, personal)
    shape = _shapes.get(key, _shapes) if key is not None else None
    if shape is _shapes:  # not made yet
        rendered, _shapes[key] = _make(context, personal, lambda c: plain(template, c, language))
        return rendered
    if shape is not None:
        filled = _fill(shape, context)  # type: ignore[arg-type]
        if filled is not None:
            return filled
    return plain(template, context, language)


def forget() -> None:
    _shapes.clear()


def _stamp(value: object, *, spelt: bool = False) -> Hashable:
    """A plain value itself; a model instance as its label and concrete fields' values (their
    reprs, `spelt`, where one cannot be hashed); TypeError for anything else."""
    if isinstance(value, _PLAIN_TYPES):
        return value
    if isinstance(value, Model):
        values = (getattr(value, field.attname) for field in value._meta.concrete_fields)
        return (value._meta.label, *(map(repr, values) if spelt else values))
    raise TypeError


def _key(
    template: str, context: Mapping[str, object], language: str, personal: Collection[str]
) -> Hashable | None:
    others = [(name, value) for name, value in context.items() if name not in personal]
    try:
        key = (template, language, tuple(sorted(personal)), *((n, _stamp(v)) for n, v in others))
        hash(key)
    except TypeError:  # a value with no stamp, or a field's value that cannot be hashed
        try:
            key = (
                template,
                language,
                tuple(sorted(personal)),
                *((n, _stamp(v, spelt=True)) for n, v in others),
            )
        except TypeError:
            return None
    return key


def _make(
    context: Mapping[str, object],
    personal: Collection[str],
    plain: Callable[[Mapping[str, object]], Rendered],
) -> tuple[Rendered, Shape | None]:
    """The email rendered plainly, and its shape (None if the shape is refused)."""
    probe = _Probe()
    stand_ins = {name: _StandIn(name, probe) for name in personal}
    marked = plain({**context, **stand_ins})
    shape = None if probe.spoilt else _cut(marked, personal)
    rendered = plain(context)
    if shape is not None and _fill(shape, context) != rendered:
        shape = None
    if len(_shapes) >= MAX_SHAPES:
        _shapes.clear()
    return rendered, shape


def _cut(marked: Rendered, personal: Collection[str]) -> Shape | None:
    shape = []
    for text in marked:
        pieces: list[Any] = []
        start = 0
        for found in _MARKER.finditer(text):
            if found[1].partition(".")[0] not in personal:
                return None  # a marker a filter changed
            pieces += [text[start : found.start()], (found[1], found[2] == "&amp;")]
            start = found.end()
        pieces.append(text[start:])
        if any(_OPEN in piece or _CLOSE in piece for piece in pieces[::2]):
            return None  # a marker a filter changed
        shape.append(tuple(pieces))
    return tuple(shape)


def _fill(shape: Shape, context: Mapping[str, object]) -> Rendered | None:
    values: dict[tuple[str, bool], str] = {}
    out = []
    for pieces in shape:
        filled = [pieces[0]]
        for index in range(1, len(pieces), 2):
            slot = pieces[index]
            value = values.get(slot)
            if value is None:
                value = _value(slot[0], context)
                if value is None:
                    return None
                value = str(conditional_escape(value)) if slot[1] else value
                values[slot] = value
            filled += [value, pieces[index + 1]]
        out.append("".join(filled))
    return tuple(out)


def _value(path: str, context: Mapping[str, object]) -> str | None:
    """The string at `path` (`registration.name`), or None if it is anything else (a number
    or a method would be printed by Django's rules, which this does not repeat)."""
    name, *attributes = path.split(".")
    value: object = context[name]
    for attribute in attributes:
        value = getattr(value, attribute, None)
    return value if isinstance(value, str) else None
