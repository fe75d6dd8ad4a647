"""Local development and `make demo`: embedded PostgreSQL unless DATABASE_URL is set."""

from .base import *  # noqa: F403
from .base import DATABASE_URL, _database_config, env

DEBUG = env.bool("DEBUG", default=True)
PLATFORM_SITE_PORT = env.int("PORT", default=8000)

if not DATABASE_URL:
    from config.localdb import database_url

    DATABASE_URL = database_url()
DATABASES = {"default": _database_config(DATABASE_URL)}

# Serve static files from the apps in place; no collectstatic needed locally.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The demo's accounts sign in with their password only (README lists them);
# MFA_ENFORCED=true tries the second step locally. Production always asks for it.
MFA_ENFORCED = env.bool("MFA_ENFORCED", default=False)
