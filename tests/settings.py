"""The test settings: ayni's, plus the apps that exist only to test the platform (pledges, a
second supporter action). Servers the tests start in another process use ayni.settings."""

from ayni.settings import *  # noqa: F403
from ayni.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.pledges"]
ROOT_URLCONF = "tests.urls"
