"""The newsroom's choices. Labels that agree in gender with what they describe (in Spanish an
article is masculine, a section feminine) carry a message context."""

from django.db import models
from django.utils.translation import pgettext_lazy

# The kind of the articles' documents in the text index (ayni.core.textindex).
TEXT_KIND = "article"


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


class CommentStatus(models.TextChoices):
    # Waiting: for its address to be confirmed, or for a moderator (`CommentHold` says which).
    HELD = "held", pgettext_lazy("comment status", "Held")
    PUBLISHED = "published", pgettext_lazy("comment status", "Published")
    # Taken down by a moderator after publication: a note stands in its place.
    REMOVED = "removed", pgettext_lazy("comment status", "Removed")
    # Never published: a moderator turned it down.
    REJECTED = "rejected", pgettext_lazy("comment status", "Rejected")


class CommentHold(models.TextChoices):
    """Why a held comment waits."""

    NONE = "", pgettext_lazy("comment hold", "Not held")
    # A first comment from this address: the address is confirmed by email first.
    UNCONFIRMED = "unconfirmed", pgettext_lazy("comment hold", "Address not yet confirmed")
    # A first comment (confirmed): a moderator approves it before it shows.
    FIRST = "first", pgettext_lazy("comment hold", "First comment from this address")
    # A held word or too many links.
    REVIEW = "review", pgettext_lazy("comment hold", "Held words or too many links")
    # Over the per-IP rate limit: held silently.
    LIMIT = "limit", pgettext_lazy("comment hold", "Over the rate limit")
    # Readers reported it often enough to hide it until a moderator looks.
    REPORTED = "reported", pgettext_lazy("comment hold", "Reported by readers")


class CommentEmail(models.TextChoices):
    """The email a comment is due (its outbox)."""

    CONFIRM = "confirm", pgettext_lazy("comment email", "Confirm the address")
    # Removed or rejected by a moderator: the author is told, with a link to appeal.
    REMOVED = "removed", pgettext_lazy("comment email", "Removed, with the appeal link")
    # To a moderator (a ModeratorNotice's): it waits for them, with the approve/reject links.
    MODERATE = "moderate", pgettext_lazy("comment email", "Tell a moderator it waits")
