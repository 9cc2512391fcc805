"""Addresses with no language: read by machines (monitoring, crawlers) or browsers on their own."""

from django.urls import path

from ayni.core import views

app_name = "site"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("campaign.css", views.campaign_css, name="campaign_css"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
