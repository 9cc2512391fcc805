"""A back-office form whose address (slug), left blank, is made from the title.

The admin's `prepopulated_fields` fills a slug only from a field of the same form, in the
browser. Where the title lives on an inline (one per language), this form proposes the slug on
the server from the first title typed, made unique with "-2", "-3"… Declare it::

    class StatementAdmin(admin.ModelAdmin):
        form = SlugFromTitleForm  # the inline's prefix and field: "translations", "title"

Where the title is a field of the same form, set `title_inline_prefix = ""` and name the field
in `title_field`: the slug is proposed on the server too (prepopulated_fields needs JavaScript).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

MAX_TRIES = 1000


def propose_slug(
    title: str, *, model: type[Model], field: str = "slug", exclude_pk: Any = None
) -> str:
    """A slug from `title` not used by another row of `model` ("" when the title has none)."""
    max_length = getattr(model._meta.get_field(field), "max_length", None) or 50
    base = slugify(title)[:max_length].strip("-")
    if not base:
        return ""
    taken = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager
    candidate = base
    for number in range(2, MAX_TRIES):
        if not taken.filter(**{field: candidate}).exists():
            return candidate
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].strip("-") + suffix
    return ""


class SlugFromTitleForm(forms.ModelForm):
    """A ModelAdmin form: a blank slug becomes one made from the first title of an inline."""

    slug_field = "slug"
    title_inline_prefix = "translations"
    title_field = "title"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        slug = self.fields.get(self.slug_field)
        if slug is not None:
            slug.required = False
            slug.help_text = _("Leave it blank to make one from the title.")

    def first_title(self) -> str:
        """The first title typed in the inline (not one marked for deletion), as sent; with
        no inline prefix, the title field of this form."""
        prefix = self.title_inline_prefix
        if not prefix:
            return str(self.data.get(self.add_prefix(self.title_field), "")).strip()
        try:
            total = min(int(self.data.get(f"{prefix}-TOTAL_FORMS", 0)), 1000)
        except (TypeError, ValueError):
            return ""
        for index in range(total):
            if self.data.get(f"{prefix}-{index}-DELETE"):
                continue
            title = str(self.data.get(f"{prefix}-{index}-{self.title_field}", "")).strip()
            if title:
                return title
        return ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.slug_field in self.fields and not cleaned.get(self.slug_field):
            if self.slug_field in self.errors:
                return cleaned
            slug = propose_slug(
                self.first_title(),
                model=self._meta.model,
                field=self.slug_field,
                exclude_pk=self.instance.pk,
            )
            if slug:
                cleaned[self.slug_field] = slug
            else:
                self.add_error(
                    self.slug_field,
                    _("Type an address: none could be made from the title."),
                )
        return cleaned
