"""core's pages, under the language prefix (see ayni/urls.py); site_urls.py has the rest."""

from django.urls import path

from ayni.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
]
