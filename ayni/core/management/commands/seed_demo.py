from django.core.management.base import BaseCommand

from ayni.core.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Load the demo campaign (once) and print the demo back-office logins."

    def handle(self, *args, **options) -> None:
        statement, logins = seed_demo()
        if statement:
            self.stdout.write(f"Loaded the demo statement: {statement.get_absolute_url()}")
        else:
            self.stdout.write("The demo campaign is already loaded.")
        self.stdout.write("Back-office logins (http://127.0.0.1:8000/admin/):\n" + logins)
