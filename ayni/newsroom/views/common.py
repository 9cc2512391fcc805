"""What the newsroom's public pages share."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language


def language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]
