"""bench-site: the multi-tenant configuration with the page cache taken out."""

from config.settings.dev import *  # noqa: F403
from config.settings.dev import MIDDLEWARE

MIDDLEWARE = [m for m in MIDDLEWARE if "PageCache" not in m]
