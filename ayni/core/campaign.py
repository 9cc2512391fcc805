"""TEMPORARY STAND-IN (branch `cards` only): the lead's ayni.core.campaign replaces this file.

It gives the share cards the interface the real campaign identity will have (name, accent
colour, logo, logo alt text) so they can be built in parallel. Drop it when main has the
real module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class _Campaign:
    name: str = "ayni"
    accent_colour: str = "#1d4ed8"
    logo: Any = None
    logo_alt: str = ""


def current_campaign() -> _Campaign:
    return _Campaign()
