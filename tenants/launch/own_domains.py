"""A tenant's own domain (e.g. jarfallakompis.se): its administrators add it and
are shown the DNS records to create, a TXT record with a token (the domain is
theirs) and a CNAME to the platform (or, for a bare domain, A records to the
platform's addresses). It is served (a Domain of the tenant, so the TLS proxy
may get it a certificate) only once both verify. A beat job checks every hour:
pending domains until they verify (for 14 days), served ones that they still
do; one that fails three checks in a row is reported to the tenant's
administrators and the operator (it stays served: DNS blips happen), and
reported again only after it has verified in between."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.errors import ApplicationError
from tenants.integrations.dns import (
    DnsUnavailable,
    cname_target,
    ipv4_addresses,
    txt_values,
)
from tenants.launch.models import OwnDomain
from tenants.launch.notify import operator_addresses
from tenants.launch.subdomains import DOMAIN_TAKEN, own_domain_checked
from tenants.mail import mail_later
from tenants.models import Domain, Tenant
from tenants.services.domains import tenant_domain_add

TXT_LABEL = "_kompis"
FAILURES_REPORTED = 3
PENDING_DAYS = 14
NO_TOKEN = gettext_lazy("The TXT record {name} with the token is not there yet.")
NOT_POINTING = gettext_lazy(
    "{host} does not point to the platform yet (a CNAME to {target}, or A records "
    "to {addresses})."
)
DNS_DOWN = gettext_lazy("DNS did not answer; we try again later.")


def txt_name(own: OwnDomain) -> str:
    return f"{TXT_LABEL}.{own.host}"


def txt_value(own: OwnDomain) -> str:
    return f"kompis-verify={own.token}"


def records_to_create(own: OwnDomain) -> list[tuple[str, str, str]]:
    """(type, name, value) of the records the tenant creates at its DNS host."""
    records = [("TXT", txt_name(own), txt_value(own))]
    records.append(("CNAME", own.host, settings.PLATFORM_CNAME_TARGET))
    for address in settings.PLATFORM_IPV4:
        records.append(("A", own.host, address))
    return records


def own_domain_add(*, tenant: Tenant, host: str) -> OwnDomain:
    try:
        host = own_domain_checked(host)
    except ValidationError as error:
        raise ApplicationError(error.messages[0], {"field": "host"}) from None
    try:
        with transaction.atomic():
            return OwnDomain.objects.create(
                tenant=tenant, host=host, token=secrets.token_hex(16)
            )
    except IntegrityError:  # another tenant (or this one) has it already
        raise ApplicationError(
            str(DOMAIN_TAKEN).format(host=host), {"field": "host"}
        ) from None


def _problem(own: OwnDomain) -> str:
    """What is missing in DNS; "" when the domain verifies."""
    if txt_value(own) not in txt_values(txt_name(own)):
        return str(NO_TOKEN).format(name=txt_name(own))
    target = settings.PLATFORM_CNAME_TARGET.lower()
    pointing = cname_target(own.host) == target
    if not pointing:
        addresses = ipv4_addresses(own.host)
        ours = set(settings.PLATFORM_IPV4) or ipv4_addresses(target)
        pointing = bool(addresses) and addresses <= ours
    if not pointing:
        return str(NOT_POINTING).format(
            host=own.host,
            target=target,
            addresses=", ".join(settings.PLATFORM_IPV4) or "–",
        )
    return ""


def own_domain_check(own_id: int, *, actor: str = "dns") -> OwnDomain:
    """Ask DNS about one own domain and move it on; the row is locked, so two
    checks at once serve it once and report it once."""
    with transaction.atomic():
        own = (
            OwnDomain.objects.select_for_update()
            .select_related("tenant")
            .get(pk=own_id)
        )
        now = timezone.now()
        try:
            problem = _problem(own)
        except DnsUnavailable:
            own.checked_at = now
            own.last_problem = str(DNS_DOWN)
            own.save(update_fields=["checked_at", "last_problem"])
            return own
        own.checked_at = now
        own.last_problem = problem
        if not problem:
            if not Domain.objects.filter(domain=own.host).exists():
                tenant_domain_add(
                    tenant=own.tenant, host=own.host, actor_username=actor
                )
            own.status = OwnDomain.Status.VERIFIED
            own.verified_at = own.verified_at or now
            own.failures = 0
        elif own.status != OwnDomain.Status.PENDING:
            own.failures += 1
            if (
                own.failures >= FAILURES_REPORTED
                and own.status == OwnDomain.Status.VERIFIED
            ):
                own.status = OwnDomain.Status.FAILING
                _report(own)
        own.save()
    return own


def _report(own: OwnDomain) -> None:
    from tenants.billing.notify import tenant_administrators_emails

    mail_later(
        tenant_administrators_emails(own.tenant) + operator_addresses(),
        _("{host} no longer points to your Kompis site").format(host=own.host),
        _(
            "{host} has failed {count} checks in a row: {problem}\n\nIt is still "
            "served, but visitors may not reach it and its certificate cannot be "
            "renewed. Check the records at your DNS host (Settings → Own domain "
            "in the admin lists them)."
        ).format(host=own.host, count=own.failures, problem=own.last_problem),
    )


def own_domains_check_all() -> int:
    """The beat job: every domain worth asking about; how many are served."""
    since = timezone.now() - timedelta(days=PENDING_DAYS)
    due = OwnDomain.objects.exclude(
        status=OwnDomain.Status.PENDING, created_at__lt=since
    )
    for own_id in due.values_list("pk", flat=True):
        own_domain_check(own_id)
    return OwnDomain.objects.exclude(status=OwnDomain.Status.PENDING).count()
