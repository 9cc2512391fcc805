from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

from ayni.core import registry
from ayni.core.textindex.services import rebuild


class Command(BaseCommand):
    help = (
        "Index again every text of the given kinds (default: every kind an app declares in "
        "its platform.py `text_index`): search, term counts and similar lists, from scratch."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kinds", nargs="*", help="kinds to rebuild, e.g. article")

    def handle(self, *args, **options) -> None:
        sources = registry.text_sources()
        kinds = options["kinds"] or sorted(sources)
        unknown = sorted(set(kinds) - set(sources))
        if unknown:
            known = ", ".join(sorted(sources)) or "none"
            raise CommandError(f"Unknown kind(s): {', '.join(unknown)}. Declared: {known}.")
        for kind in kinds:

            def report(stage: str, done: int, kind: str = kind) -> None:
                self.stdout.write(f"{kind}: {stage} {done}")

            indexed = rebuild(kind=kind, documents=import_string(sources[kind])(), progress=report)
            self.stdout.write(f"{kind}: {indexed} indexed")
