"""Production: secrets and addresses from the environment, no default secrets."""

from .base import *  # noqa: F403
from .base import _database_config, env

SECRET_KEY = env("SECRET_KEY")
# The keys before the last rotation (comma-separated): sessions and sealed
# outbox links made under them stay valid (platform/RUNBOOK.md, Security).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
DEBUG = False
# The image build runs collectstatic with only SECRET_KEY set; nothing connects then.
DATABASES = {
    "default": _database_config(
        env("DATABASE_URL", default="postgres://localhost/kompis")
    )
}
PLATFORM_SITE_PORT = env.int("PLATFORM_SITE_PORT", default=443)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind the TLS proxy of platform/compose.yaml: its X-Forwarded-For entry (the
# last one) is the client's address; rate limits count by it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": TRUSTED_PROXY_COUNT}  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
# Every tenant host under the platform's domain is served over TLS by Caddy.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
# Caddy redirects plain HTTP itself; this holds if a request gets past it. The
# health check answers before the redirect (tenants.middleware).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Staff pass two-step sign-in (tenants/mfa/); not switchable in production.
MFA_ENFORCED = True

# E-MAIL PROVIDER
# With ANYMAIL_ESP (e.g. "mailgun", "postmark", "sendgrid", "amazon_ses") mail goes
# through that provider's API with django-anymail; otherwise through EMAIL_URL (SMTP).
ANYMAIL_ESP = env("ANYMAIL_ESP", default="")
if ANYMAIL_ESP:
    INSTALLED_APPS = [*INSTALLED_APPS, "anymail"]  # noqa: F405
    EMAIL_BACKEND = f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"
    ANYMAIL = env.json("ANYMAIL", default={})
