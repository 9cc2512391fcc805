from django.core.management.base import BaseCommand, CommandParser

from ayni.core.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Load the demo campaign (once) and print where it is and the demo back-office logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Print only what was loaded: `make run` has bin/serve print the logins.",
        )

    def handle(self, *args, **options) -> None:
        loaded, logins = seed_demo()
        for line in loaded:
            self.stdout.write(line)
        if not loaded:
            self.stdout.write("The demo campaign is already loaded.")
        if not options["no_logins"]:
            self.stdout.write("Back-office logins (http://127.0.0.1:8000/admin/):\n" + logins)
