"""Articles, their tags and their bylines."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ayni.core.images import validate_image_upload
from ayni.core.models import Bilingual
from ayni.core.validators import validate_markdown, validate_plain_text, validate_single_line
from ayni.newsroom.enums import ArticleState, CallToAction, Section, Visibility
from ayni.newsroom.models.author import Author

# Addresses of news pages that sit where an article's would (news/<slug>/): no article takes them.
RESERVED_SLUGS = frozenset({"search"})


def validate_article_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("This address is taken by the news search page: choose another."), code="reserved"
        )


class Tag(Bilingual, models.Model):
    """A topic articles share ("Bolivia", "Trade unions"); its page lists them."""

    name_en = models.CharField(
        _("name (English)"), max_length=60, validators=[validate_plain_text, validate_single_line]
    )
    name_es = models.CharField(
        _("name (Spanish)"),
        max_length=60,
        blank=True,
        validators=[validate_plain_text, validate_single_line],
    )
    slug = models.SlugField(_("address"), max_length=60, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("newsroom:tag", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return self.text("name")


class Article(models.Model):
    """An article in one language. Its other-language versions are its translations: the
    original names none, each translation names the original (`translation_of`)."""

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    slug = models.SlugField(
        _("address"),
        max_length=100,
        validators=[validate_article_slug],
        help_text=_("Unique among the articles in its language."),
    )
    title = models.CharField(
        _("title"), max_length=200, validators=[validate_plain_text, validate_single_line]
    )
    standfirst = models.TextField(
        _("standfirst"),
        max_length=400,
        validators=[validate_plain_text],
        help_text=_("The lines under the title that say what the article is about."),
    )
    body = models.TextField(
        _("body"),
        validators=[validate_markdown],
        help_text=_(
            "Markdown: **bold**, *italic*, [link](https://…), ## headings, - lists. An image: "
            '![description](/media/… "caption"). A pull quote: a quote whose first line is '
            "[!PULL]. A video: its address alone on a line (it loads only when clicked)."
        ),
    )
    featured_image = models.ImageField(
        _("featured image"),
        upload_to="newsroom/articles/",
        blank=True,
        validators=[validate_image_upload],
    )
    featured_image_alt = models.CharField(
        _("featured image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    featured_image_credit = models.CharField(
        _("featured image credit"),
        max_length=200,
        blank=True,
        validators=[validate_plain_text, validate_single_line],
    )
    section = models.CharField(
        _("section"), max_length=20, choices=Section.choices, default=Section.NEWS
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    authors: models.ManyToManyField[Author, ArticleAuthor] = models.ManyToManyField(
        Author,
        verbose_name=_("authors"),
        through="ArticleAuthor",
        related_name="articles",
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ArticleState.choices, default=ArticleState.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("For “Schedule”: the moment the article goes public by itself."),
    )
    # The first time the public could read it (kept when it is unpublished and published again).
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    canonical_url = models.URLField(
        _("canonical address"),
        blank=True,
        help_text=_("Only when the article first appeared elsewhere: its address there."),
    )
    corrections = models.TextField(
        _("corrections"),
        blank=True,
        validators=[validate_markdown],
        help_text=_("What was corrected and when, shown at the end of the article."),
    )
    cta_kind = models.CharField(
        _("call to action"), max_length=10, choices=CallToAction.choices, blank=True
    )
    cta_slug = models.SlugField(
        _("call to action's address"),
        max_length=100,
        blank=True,
        help_text=_("The address (slug) of the statement, event or motion the article supports."),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        help_text=_("The original article, when this one is its translation."),
    )
    # The event (events app) whose report-back this article is, made and kept from it by
    # services/report_backs.py: its id only, as the newsroom does not know the events' tables.
    source_event_id = models.PositiveIntegerField(
        _("report-back of event"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The `updated_at` the text index (ayni.core.textindex) last took the article at: the
    # periodic job indexes the articles saved since (indexing.py).
    indexed_at = models.DateTimeField(_("indexed"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            # Articles live at /<language>/news/<slug>/: a slug is unique in its language.
            models.UniqueConstraint(
                fields=["language", "slug"],
                name="newsroom_article_slug_per_language",
                violation_error_message=_("Another article in this language has this address."),
            ),
            # One translation per language of an original.
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=models.Q(translation_of__isnull=False),
                name="newsroom_article_one_translation_per_language",
                violation_error_message=_(
                    "That article already has a translation in this language."
                ),
            ),
            # An event's report-back is one article in each language, whoever asks twice.
            models.UniqueConstraint(
                fields=["source_event_id", "language"],
                condition=models.Q(source_event_id__isnull=False),
                name="newsroom_article_one_report_back_per_language",
            ),
            # A scheduled article knows when it goes public; a published one when it did.
            models.CheckConstraint(
                condition=~models.Q(state=ArticleState.SCHEDULED)
                | models.Q(publish_at__isnull=False),
                name="newsroom_article_scheduled_has_time",
                violation_error_message=_("Say when a scheduled article is to be published."),
            ),
            models.CheckConstraint(
                condition=~models.Q(state=ArticleState.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="newsroom_article_published_has_time",
            ),
            # A call to action names both what it is and its address, or neither.
            models.CheckConstraint(
                condition=models.Q(cta_kind="", cta_slug="")
                | (~models.Q(cta_kind="") & ~models.Q(cta_slug="")),
                name="newsroom_article_cta_whole",
                violation_error_message=_(
                    "Give both the kind of page the call to action leads to and its address."
                ),
            ),
            # A featured image is described for who cannot see it.
            models.CheckConstraint(
                condition=models.Q(featured_image="") | ~models.Q(featured_image_alt=""),
                name="newsroom_article_image_described",
                violation_error_message=_(
                    "Describe the featured image for people who cannot see it."
                ),
            ),
        ]
        indexes = [
            # The listings: published articles, the latest first, per section.
            models.Index(fields=["state", "-published_at"], name="newsroom_article_listing"),
            models.Index(
                fields=["state", "section", "-published_at"], name="newsroom_article_section"
            ),
            # The articles the text index is behind on (indexing.py), found without reading
            # the whole table at every save: only they are in this index.
            models.Index(
                fields=["updated_at", "id"],
                condition=models.Q(indexed_at__isnull=True)
                | models.Q(indexed_at__lt=models.F("updated_at")),
                name="newsroom_article_unindexed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # Under its own language's prefix, whatever the page linking to it is in.
        with translation.override(self.language):
            return reverse("newsroom:article", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.state == ArticleState.PUBLISHED

    @property
    def is_gated(self) -> bool:
        return self.visibility != Visibility.PUBLIC


class ArticleAuthor(models.Model):
    """One author of an article, in byline order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("newsroom.Author", on_delete=models.PROTECT, related_name="bylines")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            # An author is named once in a byline.
            models.UniqueConstraint(fields=["article", "author"], name="newsroom_byline_once"),
        ]

    def __str__(self) -> str:
        return str(self.author)
