from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "ayni.statements"
    label = "statements"
    verbose_name = _("Statements")

    def ready(self) -> None:
        from ayni.statements import services
        from ayni.supporters.signals import supporter_erasing, supporter_exporting

        supporter_exporting.connect(
            services.on_supporter_exporting, dispatch_uid="statements.export"
        )
        supporter_erasing.connect(services.on_supporter_erasing, dispatch_uid="statements.erase")
