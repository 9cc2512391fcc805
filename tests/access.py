"""Access matrices: what each persona gets from one URL, checked in one assertion.

    responses = assert_access(client_for, url, "get", {
        "anonymous": LOGIN, "outsider": LOGIN, "viewer": 403, "moderator": 403, "organiser": 200,
    })

`client_for(persona)` (a fixture in tests/fixtures.py) gives a fresh client logged in as that
persona. Each persona gets its own client and user, so one persona's session or side effects
never make another's answer. The responses come back by persona for the assertions about what
each one saw (never only a status code: what was shown, what was not, what changed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.test import Client
from django.urls import reverse

# The five personas every app's back-office tests run through: nobody, a logged-in user without
# back-office access, and the three roles (ayni.core.roles) from least to most powerful.
PERSONAS = ("anonymous", "outsider", "viewer", "moderator", "organiser")
# What an outsider gets from the back office: sent to its login page.
LOGIN = "login"


def outcome(response: Any) -> int | str:
    """The status, or LOGIN for a redirect to the back-office login."""
    if response.status_code == 302 and response["Location"].startswith(reverse("admin:login")):
        return LOGIN
    return response.status_code


def assert_access(
    client_for: Callable[[str], Client],
    url: str,
    method: str = "get",
    expected: Mapping[str, int | str] | None = None,
    *,
    data: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Request `url` as each persona in `expected` and assert each got its expected outcome
    (a status code, or LOGIN). Returns the responses by persona."""
    assert expected, "say what each persona gets"
    responses = {
        persona: getattr(client_for(persona), method.lower())(url, data or {})
        for persona in expected
    }
    actual = {persona: outcome(response) for persona, response in responses.items()}
    assert actual == dict(expected), f"{method.upper()} {url}"
    return responses
