from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    STATEMENT_SIGNATURE = "statement_signature", _("Sign a statement")
    SHOW_NAME = "show_name", _("Show my name publicly")
    CAMPAIGN_UPDATES = "campaign_updates", _("Email me campaign updates")


class ConsentMethod(models.TextChoices):
    WEB_FORM = "web_form", _("Web form, confirmed by email")
    ADMIN = "admin", _("Entered by an organiser")
    IMPORT = "import", _("Import")
    SELF_SERVICE = "self_service", _("Self-service")
