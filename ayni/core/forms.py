"""Form fields every app's public forms share."""

from __future__ import annotations

from typing import Any

from django import forms

from ayni.core.validators import strip_invisible


class VisibleCharField(forms.CharField):
    """Text as a reader sees it: invisible format characters go before anything else looks at
    the value, so a name made only of them is empty ("This field is required")."""

    def to_python(self, value: Any) -> str | None:
        if isinstance(value, str):
            value = strip_invisible(value)
        return super().to_python(value)
