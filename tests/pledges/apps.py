from django.apps import AppConfig


class PledgesConfig(AppConfig):
    """A second supporter action, for tests only: it proves an action is built by declaring."""

    name = "tests.pledges"
    label = "pledges"
    default_auto_field = "django.db.models.BigAutoField"
