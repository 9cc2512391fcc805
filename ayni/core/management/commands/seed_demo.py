from django.core.management.base import BaseCommand

from ayni.core.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Load the demo campaign (once) and print the demo back-office logins."

    def handle(self, *args, **options) -> None:
        loaded, logins = seed_demo()
        for line in loaded:
            self.stdout.write(line)
        if not loaded:
            self.stdout.write("The demo campaign is already loaded.")
        self.stdout.write("Back-office logins (http://127.0.0.1:8000/admin/):\n" + logins)
