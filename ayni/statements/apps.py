from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "ayni.statements"
    label = "statements"
    verbose_name = _("Statements")

    def ready(self) -> None:
        from ayni.statements import receivers

        receivers.connect()
