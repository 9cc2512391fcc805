from django.db import migrations
from django.db.models import F

DETAILS = (
    "statement_id", "kind", "name", "email", "email_normalised", "country", "organisation",
    "role", "comment", "show_publicly", "wants_updates", "language", "ip_hash",
    "consent_version", "created_at",
)


def copy_forward(apps, schema_editor):
    """Every existing signature becomes its own first submission, with the same id.

    Links already emailed name a signature id; giving each signature's submission that very
    id keeps them working. The email still due on a signature moves to its submission.
    """
    Signature = apps.get_model("statements", "Signature")
    Submission = apps.get_model("statements", "Submission")
    batch = []
    for signature in Signature.objects.order_by("pk").iterator(chunk_size=2000):
        batch.append(
            Submission(
                pk=signature.pk,
                signature_id=signature.pk,
                processed_at=signature.created_at,
                outcome="new",
                email_due=signature.email_due,
                email_due_at=signature.email_due_at,
                email_queued_at=signature.email_queued_at,
                email_claimed_at=signature.email_claimed_at,
                emailed_at=signature.last_emailed_at,
                **{field: getattr(signature, field) for field in DETAILS},
            )
        )
        if len(batch) == 2000:
            Submission.objects.bulk_create(batch)
            batch = []
    Submission.objects.bulk_create(batch)
    Signature.objects.update(links_from=F("pk"))
    Signature.objects.filter(status="suspect").update(hold_reason="rate_limit")
    if schema_editor.connection.vendor == "postgresql":
        table = Submission._meta.db_table
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0003_submissions"),
    ]

    operations = [
        migrations.RunPython(copy_forward, migrations.RunPython.noop),
    ]
