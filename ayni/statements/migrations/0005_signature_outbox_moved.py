from django.db import migrations


class Migration(migrations.Migration):
    """The email outbox now lives on the submissions (copied over by 0004)."""

    dependencies = [
        ("statements", "0004_copy_signatures_to_submissions"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='signature',
            name='signature_email_outbox_idx',
        ),
        migrations.RemoveField(
            model_name='signature',
            name='email_claimed_at',
        ),
        migrations.RemoveField(
            model_name='signature',
            name='email_due',
        ),
        migrations.RemoveField(
            model_name='signature',
            name='email_due_at',
        ),
        migrations.RemoveField(
            model_name='signature',
            name='email_queued_at',
        ),
    ]
