"""The Celery app. Tenant-aware: a task sent while a tenant is active carries that
tenant's schema name in its headers and runs in that schema on the worker."""

import os

from tenant_schemas_celery.app import CeleryApp as TenantAwareCeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = TenantAwareCeleryApp("kompis")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
