"""What the members' public pages share."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from ayni.members.forms import local_path


def page_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def next_of(request: HttpRequest) -> str:
    """Where the reader came from (`?next=`, a local path only), else ""."""
    return local_path(
        request.GET.get("next", ""), host=request.get_host(), secure=request.is_secure()
    )


def url_with_next(name: str, next_path: str) -> str:
    """The address of the page `name`, carrying `?next=` when there is a `next_path` (a local
    path, as next_of or a form's cleaned `next` gives it)."""
    return reverse(name) + (f"?{urlencode({'next': next_path})}" if next_path else "")
