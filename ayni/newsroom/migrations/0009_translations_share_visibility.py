"""A translation is read by whom its original is (services/articles.py check_translation): the
translations saved before with a visibility of their own take their original's, so no public
translation gives away the text a gated original keeps back."""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone


def share_visibility(apps, schema_editor):
    Article = apps.get_model("newsroom", "Article")
    original = Article.objects.filter(pk=OuterRef("translation_of")).values("visibility")
    Article.objects.filter(translation_of__isnull=False).exclude(
        visibility=F("translation_of__visibility")
    ).update(visibility=Subquery(original[:1]), updated_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0008_meterreader_ip_hash")]

    operations = [migrations.RunPython(share_visibility, migrations.RunPython.noop)]
