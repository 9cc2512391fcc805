"""The back-office roles, as groups: Organiser, Moderator and read-only Staff.

| group     | may                                                                          |
|-----------|------------------------------------------------------------------------------|
| Organiser | everything on statements and supporters, including export and invalidation   |
| Moderator | see statements and signatures, edit a signature, release held signatures,    |
|           | invalidate in bulk, block an address or domain; not export, not edit         |
|           | statements, not see supporters                                               |
| Staff     | see statements, signatures and supporters; change nothing                    |

Organisers also edit the campaign's identity (name, logo, colour, About, privacy details);
Staff see it.

Every role also sees the back-office login attempts and lockouts, read-only.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ORGANISER = "Organiser"
MODERATOR = "Moderator"
STAFF = "Staff"

CAMPAIGN_APPS = ["statements", "supporters"]
# Seen by organisers to follow the mail queue and the periodic jobs; changed by nobody.
OPERATIONS_APPS = ["django_tasks_database", "core"]  # django-tasks-db's app label
# Back-office login attempts and lockouts (django-axes): seen by every role, changed by nobody
# (an operator unlocks with `manage.py axes_reset`).
SECURITY_APPS = ["axes"]


def role_permissions() -> dict[str, Q]:
    campaign = Q(content_type__app_label__in=CAMPAIGN_APPS)
    viewing = Q(codename__startswith="view_")
    security = Q(content_type__app_label__in=SECURITY_APPS) & viewing
    campaign_identity = Q(content_type__app_label="core", content_type__model="campaign")
    return {
        ORGANISER: campaign
        | (Q(content_type__app_label__in=OPERATIONS_APPS) & viewing)
        | (campaign_identity & Q(codename__in=["view_campaign", "change_campaign"]))
        | security,
        MODERATOR: Q(content_type__app_label="statements")
        & (viewing | Q(codename__in=["change_signature", "invalidate_signatures", "add_block"]))
        | security,
        STAFF: campaign & viewing | (campaign_identity & viewing) | security,
    }


def ensure_roles(**kwargs: object) -> None:
    """Create or refresh the role groups (post_migrate; safe to run any number of times)."""
    for name, condition in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(condition))
