"""The back office for the newsroom: articles (with their byline in order, tags, and the
publish, schedule and unpublish buttons), authors, tags, and readers' comments.

An article made from an event's report-back (services/report_backs.py) is marked in the list
(a column and a filter) and on its page, which names the event where its text is written: the
fields the event decides are shown, not edited (an edit would be replaced at the event's next
save), nor has it publish buttons; its address, byline, tags, image and corrections are the
organisers' here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from ayni.core.admin_lifecycle import LifecycleAdminMixin, Transition
from ayni.events import selectors as events
from ayni.newsroom.admin_forms import ArticleAdminForm, AuthorAdminForm, TagAdminForm
from ayni.newsroom.enums import ArticleState
from ayni.newsroom.models import Article, ArticleAuthor, Author, Comment, CommentBan, Tag
from ayni.newsroom.services import articles, moderation
from ayni.newsroom.services.report_backs import FROM_EVENT
from ayni.supporters.confirm_page import READY
from ayni.supporters.normalise import masked_email


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    fields = ["author", "order"]
    autocomplete_fields = ["author"]
    verbose_name = _("author")
    verbose_name_plural = _("byline (in order)")


# A report-back article's fields its event writes, and its language (which of the event's
# articles it is): shown on its page, not edited.
EVENT_FIELDS = ["language", *(name.removesuffix("_id") for name in FROM_EVENT)]


class FromEventFilter(admin.SimpleListFilter):
    title = _("made from an event")
    parameter_name = "from_event"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> QuerySet[Article]:
        if self.value() in ("yes", "no"):
            return queryset.filter(source_event_id__isnull=self.value() == "no")
        return queryset


@admin.register(Article)
class ArticleAdmin(LifecycleAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "language",
        "section",
        "visibility",
        "state",
        "published_at",
        "from_event",
    ]
    list_filter = ["state", "section", "visibility", "language", FromEventFilter, "tags"]
    search_fields = ["title", "slug", "standfirst"]
    date_hierarchy = "published_at"
    inlines = [BylineInline]
    filter_horizontal = ["tags"]
    readonly_fields = ["state", "published_at", "created_at", "updated_at"]
    fieldsets = [
        (
            _("Content"),
            {"fields": ["language", "title", "slug", "standfirst", "body", "section", "tags"]},
        ),
        (
            _("Featured image"),
            {"fields": ["featured_image", "featured_image_alt", "featured_image_credit"]},
        ),
        (
            _("Readers and links"),
            {
                "fields": [
                    "visibility",
                    "cta_kind",
                    "cta_slug",
                    "translation_of",
                    "canonical_url",
                    "corrections",
                ]
            },
        ),
        (
            _("State"),
            {"fields": ["state", "publish_at", "published_at", "created_at", "updated_at"]},
        ),
    ]
    lifecycle_public_states = {ArticleState.PUBLISHED}
    lifecycle_transitions = (
        Transition(
            name="publish",
            label=_("Publish now"),
            service=articles.publish_article,
            when={ArticleState.DRAFT, ArticleState.SCHEDULED},
            help=_("Shows it at its address, in the listings and feeds, and on the home page."),
            done=_("“%(object)s” is published."),
            done_count=ngettext_lazy(
                "%(count)d article published.", "%(count)d articles published.", "count"
            ),
        ),
        Transition(
            name="schedule",
            label=_("Schedule"),
            service=articles.schedule_article,
            when={ArticleState.DRAFT},
            help=_("Publishes it by itself at its “publish at” time (save that first)."),
            done=_("“%(object)s” is scheduled."),
            done_count=ngettext_lazy(
                "%(count)d article scheduled.", "%(count)d articles scheduled.", "count"
            ),
        ),
        Transition(
            name="unpublish",
            label=_("Back to draft"),
            service=articles.unpublish_article,
            when={ArticleState.PUBLISHED, ArticleState.SCHEDULED},
            help=_("Takes it off the public pages; its address answers “not found”."),
            done=_("“%(object)s” is a draft again."),
            done_count=ngettext_lazy(
                "%(count)d article back to draft.", "%(count)d articles back to draft.", "count"
            ),
            confirm=_("Take “%(object)s” off the public pages?"),
        ),
    )

    def object_heading(self, obj: Article) -> str:
        return obj.title

    @admin.display(description=_("from event"), boolean=True)
    def from_event(self, obj: Article) -> bool:
        return obj.source_event_id is not None

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.source_event_id is not None:
            fields += [name for name in EVENT_FIELDS if name not in fields]
        return fields

    # A report-back article is published and taken down with its event's report-back: a
    # button here would be undone at the event's next save.
    def transitions_for(self, request: HttpRequest, obj: Article) -> list[Transition]:
        if obj.source_event_id is not None:
            return []
        return super().transitions_for(request, obj)

    def apply_transition(self, request: HttpRequest, obj: Article, step: Transition) -> str | None:
        if obj.source_event_id is not None:
            return gettext(
                "it is the report-back of an event, shown or taken down with it on the event's "
                "page."
            )
        return super().apply_transition(request, obj, step)

    def change_form_context(self, request: HttpRequest, obj: Article) -> dict[str, Any]:
        if obj.source_event_id is None:
            return {}
        # The event's name and back-office page (admin/newsroom/article/change_form.html).
        return {
            "report_back_of": {
                "name": events.event_name(obj.source_event_id),
                "url": reverse("admin:events_event_change", args=[obj.source_event_id]),
            }
        }

    def render_preview(self, request: HttpRequest, obj: Article) -> HttpResponse:
        # The public page shows a draft to those who may change articles (views/article.py).
        return HttpResponseRedirect(f"{obj.get_absolute_url()}?preview=1")

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        articles.save_article(article=obj)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        # The article of a report-back its event still shows would be made again at the
        # event's next save: listed as protected, so the delete page and the bulk action
        # refuse and say why. Once the event no longer shows it (cancelled, deleted, its
        # report-back taken down), its draft article may go.
        deletable, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        made = [
            gettext("“%(title)s”: the report-back of an event; take it down on the event's page.")
            % {"title": article.title}
            for article in objs
            if article.source_event_id is not None
            and events.published_report_back(article.source_event_id) is not None
        ]
        return deletable, counts, perms_needed, [*protected, *made]

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        articles.delete_articles(articles=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        articles.delete_articles(articles=list(queryset))


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["name", "role_en", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagAdminForm
    list_display = ["name_en", "name_es", "slug"]
    search_fields = ["name_en", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


COMMENT_FIELDS = (
    "article",
    "parent",
    "name",
    "email",
    "text",
    "status",
    "held_because",
    "created_at",
    "confirmed_at",
    "published_at",
    "moderated_at",
    "appealed_at",
)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Readers' comments: what waits for a moderator first; approve, reject (a published one
    is removed, with a note in its place) or ban from the list; correct the text on its page."""

    list_display = ["name", "short_text", "article", "status", "held_because", "created_at"]
    list_filter = ["status", "held_because", ("appealed_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "text", "email_normalised", "article__title"]
    list_select_related = ["article"]
    date_hierarchy = "created_at"
    fields = COMMENT_FIELDS
    # A moderator corrects the text; the rest is the reader's and the record's.
    readonly_fields = tuple(field for field in COMMENT_FIELDS if field != "text")
    actions = ["approve", "reject", "ban"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers

    # The address as the user may see it: in full only with `see_commenter_email`; nor is it
    # searched for anyone else (a search by address would tell whether it commented).
    def get_fields(self, request: HttpRequest, obj: Comment | None = None) -> Any:
        return _address_fields(request, super().get_fields(request, obj), "email")

    def get_readonly_fields(self, request: HttpRequest, obj: Comment | None = None) -> Any:
        return _address_fields(request, super().get_readonly_fields(request, obj), "email")

    def get_search_fields(self, request: HttpRequest) -> Any:
        fields = super().get_search_fields(request)
        if may_see_addresses(request):
            return fields
        return [field for field in fields if not field.startswith("email")]

    @admin.display(description=_("email"))
    def masked_email(self, comment: Comment) -> str:
        return masked_email(comment.email)

    @admin.display(description=_("comment"))
    def short_text(self, comment: Comment) -> str:
        return comment.text[:80]

    def save_model(self, request: HttpRequest, obj: Comment, form: Any, change: bool) -> None:
        moderation.edit_comment(comment=obj, text=form.cleaned_data["text"])

    def _each(self, request: HttpRequest, queryset: Any, act: Any, done: Any) -> None:
        changed = sum(act(comment) == READY for comment in queryset)
        self.message_user(request, done % {"count": changed})

    @admin.action(
        description=_("Approve and publish the selected comments"), permissions=["change"]
    )
    def approve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._each(request, queryset, moderation.approve_comment, APPROVED)

    @admin.action(description=_("Reject or remove the selected comments"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._each(request, queryset, moderation.reject_comment, REJECTED)

    @admin.action(
        description=_("Ban the addresses of the selected comments"), permissions=["change"]
    )
    def ban(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        for comment in queryset:
            moderation.ban_commenter(comment=comment)
        self.message_user(request, BANNED % {"count": queryset.count()})


APPROVED = ngettext_lazy("%(count)d comment published.", "%(count)d comments published.", "count")
REJECTED = ngettext_lazy(
    "%(count)d comment rejected or removed.", "%(count)d comments rejected or removed.", "count"
)
BANNED = ngettext_lazy("%(count)d address banned.", "%(count)d addresses banned.", "count")


@admin.register(CommentBan)
class CommentBanAdmin(admin.ModelAdmin):
    """Banned addresses: moderators ban and lift bans, and see the addresses masked."""

    list_display = ["email_normalised", "created_at"]
    search_fields = ["email_normalised"]
    fields = ["email_normalised"]

    def get_list_display(self, request: HttpRequest) -> Any:
        return _address_fields(request, super().get_list_display(request), "email_normalised")

    def get_fields(self, request: HttpRequest, obj: CommentBan | None = None) -> Any:
        if obj is None:
            return super().get_fields(request, obj)  # a new ban: the moderator types it
        return _address_fields(request, super().get_fields(request, obj), "email_normalised")

    def get_readonly_fields(self, request: HttpRequest, obj: CommentBan | None = None) -> Any:
        if obj is None:
            return super().get_readonly_fields(request, obj)
        return ["email_normalised", "masked_email", "created_at"]

    def get_search_fields(self, request: HttpRequest) -> Any:
        return super().get_search_fields(request) if may_see_addresses(request) else []

    @admin.display(description=_("email"))
    def masked_email(self, ban: CommentBan) -> str:
        return masked_email(ban.email_normalised)


def may_see_addresses(request: HttpRequest) -> bool:
    return request.user.has_perm("newsroom.see_commenter_email")


def _address_fields(request: HttpRequest, fields: Any, address: str) -> list[Any]:
    """`fields` with the address field swapped for its masked form for a user who may not see
    addresses."""
    if may_see_addresses(request):
        return list(fields)
    return ["masked_email" if field == address else field for field in fields]
