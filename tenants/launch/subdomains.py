"""Whether a subdomain (or an own domain) can be had: its form, the platform's
reserved words, and what tenants and applications hold already."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tenants.launch.models import Application
from tenants.models import Domain, Tenant
from tenants.services.provisioning import default_domain_for
from tenants.validators import normalise_host, validate_slug

# Besides tenants.validators.RESERVED_SLUGS: names of the public host's pages and
# words a visitor could take for the platform's own.
RESERVED = frozenset(
    {"ansok", "apply", "billing", "mfa", "i18n", "support", "kompis", "plattform"}
)
# Applications that hold their subdomain while they wait or are provisioned.
HOLDING = [
    Application.Status.SUBMITTED,
    Application.Status.APPROVED,
    Application.Status.FAILED,
]
TAKEN = _("{name}{suffix} is taken: choose another.")
RESERVED_WORD = _("{name} is reserved for the platform: choose another.")
FREE = _("{host} is free.")
DOMAIN_TAKEN = _("{host} already belongs to a Kompis site.")
DOMAIN_OURS = _("{host} is one of the platform's own addresses; leave it empty.")


def subdomain_problem(name: str) -> str | None:
    """Why `name` cannot be a new site's subdomain; None when it can."""
    name = (name or "").strip().lower()
    try:
        validate_slug(name)
    except ValidationError as error:
        return error.messages[0]
    if name in RESERVED:
        return str(RESERVED_WORD).format(name=name)
    host = default_domain_for(name)
    if (
        Tenant.objects.filter(slug=name).exists()
        or Domain.objects.filter(domain=host).exists()
        or Application.objects.filter(subdomain=name, status__in=HOLDING).exists()
    ):
        return str(TAKEN).format(
            name=name, suffix=settings.PLATFORM_TENANT_DOMAIN_SUFFIX
        )
    return None


def subdomain_verdict(name: str) -> tuple[bool, str]:
    """(free, what to tell the applicant) of a subdomain, for the check as they
    type and the button that does it without script."""
    name = (name or "").strip().lower()
    problem = subdomain_problem(name)
    if problem:
        return False, problem
    return True, str(FREE).format(host=default_domain_for(name))


def own_domain_checked(value: str) -> str:
    """The own domain, normalised; ValidationError when it cannot be had."""
    host = normalise_host(value)
    suffix = settings.PLATFORM_TENANT_DOMAIN_SUFFIX
    if host == settings.PLATFORM_PUBLIC_DOMAIN or host.endswith(suffix):
        raise ValidationError(str(DOMAIN_OURS).format(host=host))
    if (
        Domain.objects.filter(domain=host).exists()
        or Application.objects.filter(own_domain=host, status__in=HOLDING).exists()
    ):
        raise ValidationError(str(DOMAIN_TAKEN).format(host=host))
    return host
