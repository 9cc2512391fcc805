"""The newsroom's choices. Labels that agree in gender with what they describe (in Spanish an
article is masculine, a section feminine) carry a message context."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Section(models.TextChoices):
    NEWS = "news", pgettext_lazy("article section", "News")
    FEATURES = "features", pgettext_lazy("article section", "Features")
    OPINION = "opinion", pgettext_lazy("article section", "Opinion")
    REPORT_BACK = "report-back", pgettext_lazy("article section", "Report-back")


class ArticleState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("article state", "Draft")
    # Waiting for its publish_at: the periodic job publishes it then.
    SCHEDULED = "scheduled", pgettext_lazy("article state", "Scheduled")
    PUBLISHED = "published", pgettext_lazy("article state", "Published")


class Visibility(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("article visibility", "Public")
    MEMBERS = "members", pgettext_lazy("article visibility", "Members only")
    # Free up to the meter's limit (a later slice counts it; until then the preview only).
    METERED = "metered", pgettext_lazy("article visibility", "Metered")


class CallToAction(models.TextChoices):
    """What an article may ask its readers to do: a page of another app, named by its address
    (ayni.core.registry's link targets resolve it)."""

    STATEMENT = "statement", pgettext_lazy("call to action", "Statement")
    EVENT = "event", pgettext_lazy("call to action", "Event")
    MOTION = "motion", pgettext_lazy("call to action", "Motion")


# What a gated article shows to everyone: its standfirst and this many first blocks of text.
PREVIEW_BLOCKS = 2
