"""A translation is read by whom its original is (services/articles.py check_translation): the
translations saved before with a visibility of their own take their original's, so no public
translation gives away the text a gated original keeps back. And every gated article is indexed
again by the worker (`indexed_at` emptied): its preview now counts lists, quotes, tables and
code as text (body.py), so the index holds only what its preview shows."""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone


def share_visibility(apps, schema_editor):
    Article = apps.get_model("newsroom", "Article")
    original = Article.objects.filter(pk=OuterRef("translation_of")).values("visibility")
    Article.objects.filter(translation_of__isnull=False).exclude(
        visibility=F("translation_of__visibility")
    ).update(visibility=Subquery(original[:1]), updated_at=timezone.now())


def index_gated_again(apps, schema_editor):
    Article = apps.get_model("newsroom", "Article")
    Article.objects.exclude(visibility="public").update(indexed_at=None)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0008_meterreader_ip_hash")]

    operations = [
        migrations.RunPython(share_visibility, migrations.RunPython.noop),
        migrations.RunPython(index_gated_again, migrations.RunPython.noop),
    ]
