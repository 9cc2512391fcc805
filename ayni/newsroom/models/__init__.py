"""The newsroom's tables, one module per topic: who writes (authors) and what they write
(articles, their tags and bylines)."""

from ayni.newsroom.models.article import Article, ArticleAuthor, Tag
from ayni.newsroom.models.author import Author

__all__ = ["Article", "ArticleAuthor", "Author", "Tag"]
