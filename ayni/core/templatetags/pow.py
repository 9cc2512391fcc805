"""The proof-of-work widget's texts for a template, as JSON for a data attribute."""

from __future__ import annotations

import json

from django import template

from ayni.core.pow import widget_strings

register = template.Library()


@register.simple_tag
def altcha_strings() -> str:
    """JSON of the widget's texts in the active language; the template's autoescaping makes
    it safe inside an attribute, and the browser hands the script the JSON back."""
    return json.dumps(widget_strings(), ensure_ascii=False)
