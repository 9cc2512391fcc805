from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportersConfig(AppConfig):
    name = "ayni.supporters"
    label = "supporters"
    verbose_name = _("Supporters")
