"""A 403 inside the back office is the back office's page; on the public site, the public one."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse

from ayni import urls as site_urls
from tests.factories import StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


# The site's URLs plus a public page that refuses everyone, with the site's 403 handler.
urlpatterns = [path("forbidden/", forbidden), *site_urls.urlpatterns]
handler403 = site_urls.handler403


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_a_403_in_the_back_office_is_the_back_offices_own_page(client):
    statement = StatementFactory(texts={"en": "Free the river"})
    client.force_login(UserFactory(role="Staff"))

    response = client.get(reverse("admin:statements_statement_export", args=[statement.pk]))

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Not allowed</h1>" in html
    assert "You do not have permission to do that." in html
    assert 'id="site-name"' in html and "ayni back office" in html  # the admin's header
    assert f'<a href="{reverse("admin:index")}">Back to the back office’s home page</a>' in html
    assert 'class="site-header"' not in html  # not the public page


def test_a_403_in_the_back_office_speaks_spanish(client, settings):
    client.force_login(UserFactory(role="Moderator"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    response = client.get(reverse("admin:statements_statement_add"))

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Acceso no permitido</h1>" in html
    assert "Volver a la página de inicio del panel de gestión" in html


def test_a_403_on_the_public_site_stays_the_public_page(client, settings):
    settings.ROOT_URLCONF = __name__
    client.force_login(UserFactory(role="Organiser"))

    response = client.get("/forbidden/")

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Not allowed</h1>" in html
    assert 'class="site-header"' in html  # the public page's header
    assert 'id="site-name"' not in html and "Back to the back office" not in html
