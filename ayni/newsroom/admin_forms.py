"""Back-office forms for the newsroom: validate and normalise only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ayni.core import registry
from ayni.core.admin_slugs import SlugFromTitleForm
from ayni.newsroom.models import Article, Author, Tag
from ayni.newsroom.services import articles


class ArticleAdminForm(forms.ModelForm):
    """An article's edit form: a blank address is made from the title (unique in the article's
    language); the call to action must name a public page; a translation must fit its
    original."""

    class Meta:
        model = Article
        fields = [
            "language",
            "title",
            "slug",
            "standfirst",
            "body",
            "section",
            "tags",
            "featured_image",
            "featured_image_alt",
            "featured_image_credit",
            "visibility",
            "cta_kind",
            "cta_slug",
            "translation_of",
            "canonical_url",
            "corrections",
            "publish_at",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None:
            slug.required = False
            slug.help_text = _(
                "Unique among the articles in its language. Leave it blank to make one from "
                "the title."
            )
        original = self.fields.get("translation_of")
        if original is not None:
            choices = Article.objects.filter(translation_of__isnull=True)
            if self.instance.pk:
                choices = choices.exclude(pk=self.instance.pk)
            original.queryset = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("slug") and data.get("title") and data.get("language"):
            data["slug"] = articles.free_slug(
                title=data["title"], language=data["language"], exclude_pk=self.instance.pk
            )
            self.instance.slug = data["slug"]
        kind, slug = data.get("cta_kind"), data.get("cta_slug")
        if kind and slug and registry.link_target(kind, slug) is None:
            self.add_error(
                "cta_slug",
                _("No public page of this kind has this address: check it is published."),
            )
        original = data.get("translation_of")
        if original is not None and data.get("language"):
            candidate = Article(
                pk=self.instance.pk,
                language=data["language"],
                translation_of=original,
                visibility=data.get("visibility") or original.visibility,
            )
            try:
                articles.check_translation(candidate)
            except ValidationError as error:
                self.add_error(None, error)
        return data


class AuthorAdminForm(SlugFromTitleForm):
    """An author: a blank address is made from the name (without JavaScript too)."""

    title_inline_prefix = ""
    title_field = "name"

    class Meta:
        model = Author
        fields = ["name", "slug", "role_en", "role_es", "bio_en", "bio_es", "photo", "photo_alt"]


class TagAdminForm(SlugFromTitleForm):
    """A tag: a blank address is made from its English name."""

    title_inline_prefix = ""
    title_field = "name_en"

    class Meta:
        model = Tag
        fields = ["name_en", "name_es", "slug"]
