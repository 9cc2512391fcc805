from django.core.management.base import BaseCommand

from ayni.core.worker import run_pending_tasks


class Command(BaseCommand):
    help = "Run every task that is ready on the queue now, then exit."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"ran {run_pending_tasks()} task(s)")
