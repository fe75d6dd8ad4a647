"""pytest: the servers named by DATABASE_URL / REDIS_URL, else embedded PostgreSQL."""

import os

from .base import *  # noqa: F403
from .base import CACHES, DATABASE_URL, _database_config, env

if not DATABASE_URL:
    from config.localdb import database_url

    DATABASE_URL = database_url()
DATABASES = {"default": _database_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not env("EMAIL_URL", default=""):  # workers in tests send to a local SMTP server
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PLATFORM_SITE_PORT = 80

# Serve static files from the apps in place; no collectstatic needed locally.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None

# Several people (or agents) may run the suite against one server at once.
if _suffix := env("TEST_DB_SUFFIX", default=""):
    DATABASES["default"]["TEST"] = {"NAME": f"test_kompis_{_suffix}"}

# The fuzz test posts far more than a person would.
REGISTRATION_THROTTLE_RATE = None
APPLICATION_THROTTLE_RATE = None

# Each run gets its own cache namespace on a shared Redis: schema names (alpha,
# beta) repeat between runs and between suites running side by side.
CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"
