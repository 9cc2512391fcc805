from __future__ import annotations

from django.db.models import ManyToOneRel

from ayni.supporters.models import Consent, Supporter
from ayni.supporters.normalise import normalise_email


def supporter_by_email(email: str) -> Supporter | None:
    return Supporter.objects.filter(email_normalised=normalise_email(email)).first()


def supporter_is_held(supporter: Supporter) -> bool:
    """Does any row of any app name this supporter (a signature, a registration, a report, a
    tag…)? Their own consent records do not count: each was given with an action, and the
    action's row is what holds them. Read from the models' relations, so a new app's rows
    count without a word here."""
    for relation in Supporter._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ManyToOneRel) or relation.related_model is Consent:
            continue
        rows = relation.related_model._default_manager.filter(  # type: ignore[union-attr]
            **{relation.field.name: supporter}
        )
        if rows.exists():
            return True
    return False
