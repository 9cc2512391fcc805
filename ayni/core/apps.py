from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "ayni.core"
    label = "core"
    verbose_name = "ayni"

    def ready(self) -> None:
        from ayni.core.roles import ensure_roles

        post_migrate.connect(ensure_roles, dispatch_uid="ayni.core.ensure_roles")
