"""The WSGI application gunicorn serves: Django, with the live count micro-cached in front.

Every open statement page polls `/<language>/s/<slug>/count.json` (the address in the page's own
language, like every address the page names); `core/microcache.py` says why and how it is kept
for a second.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from ayni.core.microcache import Microcache

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")


def count_path(languages: Iterable[str]) -> re.Pattern[str]:
    """The count's address in each language; the unprefixed old one is only a redirect."""
    prefixes = "|".join(re.escape(code) for code in languages)
    return re.compile(rf"/(?:{prefixes})/s/[-\w]+/count\.json")


def count_microcache(application: Callable, languages: Iterable[str]) -> Microcache:
    return Microcache(application, count_path(languages), seconds=1.0)


def _application() -> Microcache:
    django_application = get_wsgi_application()  # sets Django up: settings are readable now
    return count_microcache(django_application, [code for code, _name in settings.LANGUAGES])


application = _application()
