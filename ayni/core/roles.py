"""The back-office roles, as groups: Organiser, Moderator and read-only Staff."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ORGANISER = "Organiser"
MODERATOR = "Moderator"
STAFF = "Staff"

CAMPAIGN_APPS = ["statements", "supporters"]


def role_permissions() -> dict[str, Q]:
    campaign = Q(content_type__app_label__in=CAMPAIGN_APPS)
    return {
        ORGANISER: campaign
        | Q(content_type__app_label__in=["django_tasks_db", "core"], codename__startswith="view_"),
        MODERATOR: Q(content_type__app_label="statements")
        & (
            Q(codename__startswith="view_")
            | Q(
                codename__in=[
                    "change_signature",
                    "invalidate_signatures",
                    "view_invalidation",
                    "add_invalidation",
                ]
            )
        ),
        STAFF: campaign & Q(codename__startswith="view_"),
    }


def ensure_roles(**kwargs: object) -> None:
    """Create or refresh the role groups (post_migrate; safe to run any number of times)."""
    for name, condition in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(condition))
