from django.core.management.base import BaseCommand

from ayni.core.worker import run_worker


class Command(BaseCommand):
    help = "Run the background worker: queued tasks, periodic jobs, crash recovery."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval", type=float, default=0.2, help="Seconds between polls when idle."
        )
        parser.add_argument("--no-scheduler", action="store_true", help="Run queued tasks only.")

    def handle(self, *args, **options) -> None:
        run_worker(interval=options["interval"], with_scheduler=not options["no_scheduler"])
