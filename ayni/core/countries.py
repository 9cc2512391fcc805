"""The ISO country list, checked cheaply.

Django's choice validation walks and re-normalises all 250 localised country names on every
call; for signing (a form check and a model check per submission) that was most of the CPU.
"""

from __future__ import annotations

import functools

from django_countries import countries


@functools.cache
def country_codes() -> frozenset[str]:
    return frozenset(countries.countries)
