"""The motions' block on the home page (declared in platform.py): the featured motion (else the
latest published) and how many bodies have adopted it, or nothing."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ayni.motions import display, rollup, selectors


def motion_block(request: HttpRequest) -> dict[str, Any] | None:
    motion = selectors.home_motion()
    if motion is None:
        return None
    return {
        "motion": motion,
        "title": motion.text("title"),
        "summary": display.first_line(motion.text("explanation")),
        "bodies": rollup.motion_rollup(motion).bodies,
    }
