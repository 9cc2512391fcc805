"""The newsroom's tables, one module per topic: who writes (authors), what they write
(articles, their tags and bylines) and what readers answer (comments)."""

from ayni.newsroom.models.article import Article, ArticleAuthor, Tag
from ayni.newsroom.models.author import Author
from ayni.newsroom.models.comment import Comment, CommentBan, CommentReport, ModeratorNotice

__all__ = [
    "Article",
    "ArticleAuthor",
    "Author",
    "Comment",
    "CommentBan",
    "CommentReport",
    "ModeratorNotice",
    "Tag",
]
