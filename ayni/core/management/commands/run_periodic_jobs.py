from django.core.management.base import BaseCommand

from ayni.core.worker import run_periodic_jobs


class Command(BaseCommand):
    help = "Run every periodic job once now (roll-up, reconciliation, sweeps)."

    def handle(self, *args, **options) -> None:
        for name in run_periodic_jobs(force=True):
            self.stdout.write(f"ran {name}")
