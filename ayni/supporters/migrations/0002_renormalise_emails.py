"""Re-normalise every supporter's address: +tags now collapse at every domain.

A row whose new value another supporter already holds is left as it was and logged (by id
only), for an organiser to merge by hand: merging people is not a migration's decision.
"""

import logging

from django.db import migrations

from ayni.supporters.normalise import normalise_email

logger = logging.getLogger(__name__)


def renormalise_supporters(apps, schema_editor):
    Supporter = apps.get_model("supporters", "Supporter")
    changes = [
        (pk, new)
        for pk, email, old in Supporter.objects.values_list("pk", "email", "email_normalised")
        .order_by("pk")
        .iterator(chunk_size=2000)
        if (new := normalise_email(email)) != old
    ]
    for pk, new in changes:
        holder = Supporter.objects.filter(email_normalised=new).values_list("pk", flat=True).first()
        if holder is not None:
            logger.warning(
                "Supporter %s kept its old normalised email: its new one is supporter %s's.",
                pk,
                holder,
            )
            continue
        Supporter.objects.filter(pk=pk).update(email_normalised=new)


class Migration(migrations.Migration):

    dependencies = [
        ("supporters", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(renormalise_supporters, migrations.RunPython.noop, elidable=True),
    ]
