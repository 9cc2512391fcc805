"""The back-office roles, as groups: Organiser, Moderator and read-only Staff.

| group     | may                                                                          |
|-----------|------------------------------------------------------------------------------|
| Organiser | everything on statements, events, motions, the newsroom and supporters,      |
|           | including export and invalidation                                            |
| Moderator | see statements and signatures, edit a signature, release held signatures,    |
|           | invalidate in bulk, block an address or domain; see events and their         |
|           | registrations, check people in at the door; not export, not edit statements  |
|           | or events, not see supporters; see the newsroom's articles, authors and tags |
|           | and review its comments (approve, reject, edit, ban an address)              |
| Staff     | see statements, signatures, events, registrations and supporters; change     |
|           | nothing                                                                      |

Organisers also edit the campaign's identity (name, logo, colour, About, privacy details);
Staff see it.

Every role also sees the back-office login attempts and lockouts, read-only.

Core names no campaign app: the defaults apply to supporters and to every app that registers
itself (ayni.core.registry), and an app adds what a role may do beyond them in its
`role_grants` (statements gives moderators the review of signatures). tests/test_roles.py
pins the resulting matrix.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from ayni.core import registry

ORGANISER = "Organiser"
MODERATOR = "Moderator"
STAFF = "Staff"

# Campaign apps: supporters, plus every app with a registry contribution (in campaign_apps()).
SUPPORTER_APPS = ["supporters"]
# Seen by organisers to follow the mail queue and the periodic jobs; changed by nobody.
OPERATIONS_APPS = ["django_tasks_database", "core"]  # django-tasks-db's app label
# Back-office login attempts and lockouts (django-axes): seen by every role, changed by nobody
# (an operator unlocks with `manage.py axes_reset`).
SECURITY_APPS = ["axes"]


VIEWING = Q(codename__startswith="view_")


def campaign_apps() -> list[str]:
    return SUPPORTER_APPS + [r.app_label for r in registry.registered()]


def role_permissions() -> dict[str, Q]:
    campaign = Q(content_type__app_label__in=campaign_apps())
    security = Q(content_type__app_label__in=SECURITY_APPS) & VIEWING
    campaign_identity = Q(content_type__app_label="core", content_type__model="campaign")
    defaults = {
        ORGANISER: campaign
        | (Q(content_type__app_label__in=OPERATIONS_APPS) & VIEWING)
        | (campaign_identity & Q(codename="change_campaign")),
        MODERATOR: Q(pk__in=[]),  # nothing by default: each app grants what moderators review
        STAFF: campaign & VIEWING | (campaign_identity & VIEWING),
    }
    return {
        role: condition | registry.role_grants(role) | security
        for role, condition in defaults.items()
    }


def ensure_roles(**kwargs: object) -> None:
    """Create or refresh the role groups (post_migrate; safe to run any number of times)."""
    for name, condition in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(condition))
