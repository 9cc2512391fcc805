from django.urls import include, path

from ayni.newsroom.views import article, cached, comments, listing, search

app_name = "newsroom"

# Everything under one prefix (as the events' pages), so resolving any other page tests
# "news/" once; an article's page first, as the page most often asked for, after the one page
# whose address would read as an article's (no article may take it: RESERVED_SLUGS).
urlpatterns = [
    path(
        "news/",
        include(
            [
                path("search/", search.article_search, name="search"),
                path("<slug:slug>/", cached.article_page, name="article"),
                path("", listing.news_index, name="index"),
                path("feed.atom", listing.news_feed, name="feed"),
                path("feed.rss", listing.news_rss, name="rss"),
                path("section/<slug:section>/", listing.section_list, name="section"),
                path(
                    "section/<slug:section>/feed.atom",
                    listing.section_feed,
                    name="section_feed",
                ),
                path("tag/<slug:slug>/", listing.tag_list, name="tag"),
                path("tag/<slug:slug>/feed.atom", listing.tag_feed, name="tag_feed"),
                path("author/<slug:slug>/", listing.author_page, name="author"),
                path("author/<slug:slug>/feed.atom", listing.author_feed, name="author_feed"),
                path("<slug:slug>/card.png", article.article_card, name="card"),
                path("<slug:slug>/comment/", article.comment_post, name="comment"),
                path(
                    "<slug:slug>/challenge.json",
                    article.comment_challenge,
                    name="comment_challenge",
                ),
                path(
                    "<slug:slug>/comment/<slug:step>/",
                    comments.comment_sent,
                    name="comment_sent",
                ),
                path(
                    "<slug:slug>/comment/<int:pk>/report/",
                    comments.comment_report,
                    name="comment_report",
                ),
                # A commenter's own pages, through the links in their emails; a moderator's.
                path("c/<str:token>/appeal/", comments.comment_appeal, name="comment_appeal"),
                path("c/<str:token>/approve/", comments.comment_approve, name="comment_approve"),
                path("c/<str:token>/reject/", comments.comment_reject, name="comment_reject"),
                path("c/<str:token>/", comments.comment_confirm, name="comment_confirm"),
                path("c/<str:token>/withdraw/", comments.comment_withdraw, name="comment_withdraw"),
                path("c/<str:token>/data/", comments.comment_data, name="comment_data"),
                path("c/<str:token>/erase/", comments.comment_erase, name="comment_erase"),
            ]
        ),
    ),
]
