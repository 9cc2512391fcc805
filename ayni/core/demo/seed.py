"""Load the demo campaign once: the demo back-office logins, then each app's demo data.

Each app seeds its own data through its own services (its `demo` in platform.py); core only
creates the demo users and calls them, in the order of INSTALLED_APPS.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from ayni.core import registry
from ayni.core.demo.campaign import seed_campaign
from ayni.core.roles import MODERATOR, ORGANISER, STAFF

DEMO_USERS = [
    ("organiser", ORGANISER, True),
    ("moderator", MODERATOR, True),
    ("viewer", STAFF, True),
]


def credentials_file() -> Path:
    return settings.VAR_DIR / "demo-logins.txt"


def seed_users() -> str:
    """Demo back-office accounts sharing one random password, written to var/demo-logins.txt."""
    path = credentials_file()
    if path.exists():
        return path.read_text()
    password = secrets.token_urlsafe(9)
    user_model = get_user_model()
    for username, role, is_staff in DEMO_USERS:
        user, _created = user_model.objects.get_or_create(
            username=username, defaults={"is_staff": is_staff}
        )
        user.set_password(password)
        user.is_staff = is_staff
        user.save()
        user.groups.set([Group.objects.get(name=role)])
    lines = [f"{username} / {password}   ({role})" for username, role, _staff in DEMO_USERS]
    text = "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o600)
    return text


def seed_demo() -> tuple[list[str], str]:
    """Seed every app's demo data (each once) and the demo logins.

    Returns what the apps loaded, one line each (empty if all was there already), and the
    logins text.
    """
    seed_campaign()
    logins = seed_users()
    loaded = [line for seeder in registry.demo_seeders() for line in seeder()]
    return loaded, logins
