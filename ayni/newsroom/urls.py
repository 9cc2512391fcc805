from django.urls import path

from ayni.newsroom.views import article, listing

app_name = "newsroom"

urlpatterns = [
    path("news/", listing.news_index, name="index"),
    path("news/feed.atom", listing.news_feed, name="feed"),
    path("news/feed.rss", listing.news_rss, name="rss"),
    path("news/section/<slug:section>/", listing.section_list, name="section"),
    path("news/section/<slug:section>/feed.atom", listing.section_feed, name="section_feed"),
    path("news/tag/<slug:slug>/", listing.tag_list, name="tag"),
    path("news/tag/<slug:slug>/feed.atom", listing.tag_feed, name="tag_feed"),
    path("news/author/<slug:slug>/", listing.author_page, name="author"),
    path("news/author/<slug:slug>/feed.atom", listing.author_feed, name="author_feed"),
    path("news/<slug:slug>/", article.article_detail, name="article"),
    path("news/<slug:slug>/card.png", article.article_card, name="card"),
]
