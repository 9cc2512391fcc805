from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MotionsConfig(AppConfig):
    name = "ayni.motions"
    label = "motions"
    verbose_name = _("Motions")

    def ready(self) -> None:
        from ayni.motions import receivers

        receivers.connect()
