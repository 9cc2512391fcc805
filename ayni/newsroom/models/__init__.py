"""The newsroom's tables, one module per topic: who writes (authors), what they write
(articles, their tags and bylines), what readers answer (comments) and the meter's count of
what they read (meter)."""

from ayni.newsroom.models.article import Article, ArticleAuthor, Tag
from ayni.newsroom.models.author import Author
from ayni.newsroom.models.comment import Comment, CommentBan, CommentReport, ModeratorNotice
from ayni.newsroom.models.meter import MeterAddressRead, MeterRead, MeterReader

__all__ = [
    "Article",
    "ArticleAuthor",
    "Author",
    "Comment",
    "CommentBan",
    "CommentReport",
    "MeterAddressRead",
    "MeterRead",
    "MeterReader",
    "ModeratorNotice",
    "Tag",
]
