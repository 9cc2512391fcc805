"""The demo for bench/page_quality.py (run in the site's environment): what `manage.py
seed_demo` loads (every app's demo), then extra states made through the services, a closed
statement and one with the proof-of-work challenge on, and the articles in the text index at
once (the worker's periodic job would take up to a minute: the news search is measured)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from ayni.core.demo.seed import seed_demo  # noqa: E402
from ayni.statements.demo import SLUG, STATEMENT  # noqa: E402
from ayni.statements.models import Statement, StatementTranslation  # noqa: E402
from ayni.statements.services import close_statement, open_statement  # noqa: E402

CLOSED, CHALLENGE = f"{SLUG}-closed", f"{SLUG}-challenge"


def copy_of_demo(slug: str, *, require_challenge: bool = False) -> Statement:
    statement = Statement.objects.create(slug=slug, goal=1000, require_challenge=require_challenge)
    for language, text in STATEMENT.items():
        StatementTranslation.objects.create(statement=statement, language=language, **text)
    return open_statement(statement=statement)


if __name__ == "__main__":
    seed_demo()
    if not Statement.objects.filter(slug=CLOSED).exists():
        close_statement(statement=copy_of_demo(CLOSED))
        copy_of_demo(CHALLENGE, require_challenge=True)
    call_command("rebuild_text_index", "article")
