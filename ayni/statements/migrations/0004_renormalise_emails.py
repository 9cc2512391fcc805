"""Re-normalise every signature's address: +tags now collapse at every domain.

A signature whose new value another signature of the same statement already holds (the same
mailbox signed twice under two +tags) is left as it was and logged (by id only): which of the
two counts is an organiser's decision, made in the back office.
"""

import logging

from django.db import migrations

from ayni.supporters.normalise import email_domain, normalise_email

logger = logging.getLogger(__name__)


def renormalise_signatures(apps, schema_editor):
    Signature = apps.get_model("statements", "Signature")
    rows = (
        Signature.objects.values_list(
            "pk", "statement_id", "email", "email_normalised", "email_domain"
        )
        .order_by("pk")
        .iterator(chunk_size=2000)
    )
    changes = [
        (pk, statement_id, new, email_domain(new))
        for pk, statement_id, email, old, old_domain in rows
        if (new := normalise_email(email)) != old or email_domain(new) != old_domain
    ]
    for pk, statement_id, new, domain in changes:
        holder = (
            Signature.objects.filter(statement_id=statement_id, email_normalised=new)
            .exclude(pk=pk)
            .values_list("pk", flat=True)
            .first()
        )
        if holder is not None:
            logger.warning(
                "Signature %s kept its old normalised email: its new one is signature %s's "
                "(statement %s).",
                pk,
                holder,
                statement_id,
            )
            continue
        Signature.objects.filter(pk=pk).update(email_normalised=new, email_domain=domain)


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0002_email_outbox"),
    ]

    operations = [
        migrations.RunPython(renormalise_signatures, migrations.RunPython.noop, elidable=True),
    ]
