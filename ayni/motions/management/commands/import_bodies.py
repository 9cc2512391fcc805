"""manage.py import_bodies FILE [--commit]: check a CSV file of bodies and say what importing it
would do (the default: nothing is written), or import it with --commit when nothing is wrong.
Exits with an error when the file has problems. The format is in docs/operations.md."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ayni.motions.services.body_import import (
    ImportReport,
    RowAction,
    dry_run_body_import,
    import_bodies,
)


class Command(BaseCommand):
    help = "Check (by default) or import (--commit) a CSV file of organisations and bodies."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--commit", action="store_true", help="Import it if nothing is wrong with it."
        )

    def handle(self, *args: Any, file: Path, commit: bool, **options: Any) -> None:
        try:
            with file.open("rb") as opened:
                data = opened.read(settings.BODY_IMPORT_MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from None
        report = import_bodies(data=data) if commit else dry_run_body_import(data=data)
        self._summary(report)
        if not report.ok:
            for problem in report.errors:
                where = f"row {problem.row}" if problem.row is not None else "file"
                column = f", {problem.column}" if problem.column else ""
                self.stderr.write(f"{where}{column}: {problem.message}")
            raise CommandError(f"{len(report.errors)} problem(s): nothing was imported.")
        if report.committed:
            self.stdout.write(self.style.SUCCESS("Imported."))
        else:
            self.stdout.write("Dry run: nothing was written. Run again with --commit to import.")

    def _summary(self, report: ImportReport) -> None:
        counts = report.counts
        self.stdout.write(
            f"Organisations: {len(report.new_organisations)} new"
            + (f" ({', '.join(report.new_organisations)})" if report.new_organisations else "")
            + f", {len(report.changed_organisations)} changed."
        )
        self.stdout.write(
            f"Bodies: {counts['new']} new, {counts['moved']} moved, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged."
        )
        for row in report.rows:
            if row.action in (RowAction.MOVED, RowAction.CHANGED):
                self.stdout.write(
                    f"  row {row.row}: {row.organisation}/{row.code} {row.action} "
                    f"({', '.join(row.changes)})"
                )
