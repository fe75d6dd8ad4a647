"""bench-site's baseline: this code as a plain single-tenant Wagtail site.

No tenant middleware, no page cache, a stock PostgreSQL backend pinned to one
tenant's schema, default cache keys and file storage.
"""

from config.settings.dev import *  # noqa: F403
from config.settings.dev import CACHES, DATABASES, MEDIA_ROOT, MIDDLEWARE, STORAGES

SCHEMA = "jarfalla"
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
DATABASES["default"]["OPTIONS"] = {"options": f"-c search_path={SCHEMA},public"}
MIDDLEWARE = [
    m
    for m in MIDDLEWARE
    if m
    not in (
        "tenants.middleware.PlatformTenantMiddleware",
        "tenants.middleware.TenantStatusMiddleware",
    )
    and "PageCache" not in m
]
for cache in CACHES.values():
    cache.pop("KEY_FUNCTION", None)
    cache.pop("REVERSE_KEY_FUNCTION", None)
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}
MEDIA_ROOT = f"{MEDIA_ROOT}/{SCHEMA}"
