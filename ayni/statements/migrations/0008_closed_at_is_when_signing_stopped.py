"""closed_at becomes the moment signing stopped, which the page shows as "Closed on".

Until now the sweep that closes expired statements stamped the time it ran, which can be
after the deadline, and a closed statement's page showed its deadline whatever the day it
closed. Closed statements stamped after their deadline get the deadline (it stopped
signing); those never stamped get the earlier of the deadline and their last change.
"""

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Least


def closed_when_signing_stopped(apps, schema_editor):
    Statement = apps.get_model("statements", "Statement")
    closed = Statement.objects.filter(state="closed")
    closed.filter(deadline__isnull=False, closed_at__gt=F("deadline")).update(
        closed_at=F("deadline")
    )
    closed.filter(closed_at__isnull=True, deadline__isnull=False).update(
        closed_at=Least("deadline", "updated_at")
    )
    closed.filter(closed_at__isnull=True).update(closed_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [("statements", "0007_merge_20261129_2137")]

    operations = [migrations.RunPython(closed_when_signing_stopped, migrations.RunPython.noop)]
