"""Form fields shared by every instance of a form instead of deep-copied for each one.

Measured (`bench/speedups.py`, figures in docs/performance.md § "The speed-ups, each against its
plain version"): Django deep-copies every field of a form for every instance, so that one
instance may change its fields; for the sign form, built on every submission and never changed,
the copying was a fifth of the request when it was measured. With `share_fields(Form)` each
instance still gets its own dict of fields (so reordering or adding one stays private), but the
field objects, their widgets and choices are the class's own.

That is safe only for a form whose code never changes a field, its widget or its choices after
the class is built: no `__init__` that sets `self.fields[...].initial`, `.choices`,
`.widget.attrs` or `.required`. Errors, initial values and bound data live on the form and its
bound fields, never on the field, so they cannot pass from one request to another; the test of
every shared form (statements/tests/test_sign_form_fields.py) shows it. New forms do not share
their fields unless a benchmark shows the copying is their cost.
"""

from __future__ import annotations

from typing import TypeVar

from django import forms

FormT = TypeVar("FormT", bound=type[forms.Form])


class SharedFields(dict):
    """A form's field dict whose fields are shared by its instances instead of deep-copied."""

    def __deepcopy__(self, memo: dict) -> dict:
        return dict(self)


def share_fields(form_class: FormT) -> FormT:
    """Let every instance of `form_class` use the class's field objects (see the module)."""
    form_class.base_fields = SharedFields(form_class.base_fields)
    return form_class
