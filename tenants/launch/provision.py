"""An approved application becomes a live site, in a worker: the tenant (schema
cloned, domain, site, theme; on trial), its partner organisations, the program
templates it chose, and its first administrator, who gets a welcome e-mail with
a one-time link to choose a password (then two-step sign-in, as the tenant's
policy asks).

All of it is one transaction (PostgreSQL's DDL is transactional): a failure
leaves no tenant, schema, partner link or user behind; the application is marked
failed with the reason, the operator is told, and approving again retries. The
application's row is locked for the whole run (skip_locked), so a second worker
handed the same task (a redelivery, a double approval) does nothing. Progress is
written to the cache as each step starts, for the operator's and the applicant's
pages (the transaction hides it from the database until the end)."""

import logging
from secrets import token_hex

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django_tenants.utils import tenant_context

from tenants.launch.models import Application, OwnDomain
from tenants.launch.notify import operator_addresses
from tenants.mail import mail_later
from tenants.models import PartnerOrganisation, Tenant
from tenants.selectors import site_url
from tenants.services.partners import partner_organisation_upsert, partnership_add
from tenants.services.provisioning import (
    default_domain_for,
    provisioning_hooks_run,
    tenant_provision,
)
from tenants.staff_access.invitations import password_link
from tenants.validators import format_organisation_number

logger = logging.getLogger(__name__)

ACTOR = "application"
STEPS = {
    "tenant": gettext_lazy("Making the site (database schema, address, home page)"),
    "partners": gettext_lazy("Adding the partner organisations"),
    "programs": gettext_lazy("Creating the programs from the chosen templates"),
    "administrator": gettext_lazy("Creating the first administrator"),
    "done": gettext_lazy("Done: the site is live"),
}
STEP_ORDER = list(STEPS)


def progress_key(application_id: int) -> str:
    return f"launch:progress:{application_id}"


def progress_of(application: Application) -> tuple[str, int]:
    """(what is being done, percent) of a provisioning in progress."""
    step = cache.get(progress_key(application.pk))
    if application.status == Application.Status.LIVE:
        step = "done"
    if step not in STEPS:
        return "", 0
    return str(STEPS[step]), round(100 * (STEP_ORDER.index(step) + 1) / len(STEPS))


def _step(application: Application, step: str) -> None:
    cache.set(progress_key(application.pk), step, timeout=3600)


def _partners(application: Application, tenant: Tenant) -> None:
    """The applying organisation and its partners as the tenant's partner
    organisations. An organisation already known (by its number, perhaps a
    partner of another tenant) is linked as it is, never renamed or given
    another role by somebody's application. The applicant is a municipality
    unless it lists itself among the partners with another role."""
    listed = [
        (partner["name"], partner["organisation_number"], partner["role"])
        for partner in application.partners
    ]
    own = (
        application.organisation_name,
        application.organisation_number,
        PartnerOrganisation.Role.MUNICIPALITY,
    )
    seen = set()
    for name, number, role in listed + [own]:
        number = format_organisation_number(number)
        if number in seen:
            continue
        seen.add(number)
        organisation = PartnerOrganisation.objects.filter(
            organisation_number=number
        ).first() or partner_organisation_upsert(
            name=name, organisation_number=number, role=role
        )
        partnership_add(tenant=tenant, organisation=organisation)


def _first_administrator(application: Application, tenant: Tenant) -> str:
    """The applicant as the tenant's first administrator (also publisher and
    coordinator: they take the first steps alone), without a password; the
    one-time link where they choose it."""
    with tenant_context(tenant):
        user = get_user_model().objects.create_user(
            username=application.contact_email.lower()[:150],
            email=application.contact_email,
            first_name=application.contact_name.split(" ")[0][:150],
            last_name=" ".join(application.contact_name.split(" ")[1:])[:150],
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(
            *Group.objects.filter(name__in=settings.FIRST_ADMINISTRATOR_GROUPS)
        )
        return password_link(user)


def application_provision(application_id: int) -> str:
    """Provision one approved application; what came of it."""
    try:
        with transaction.atomic():
            application = (
                Application.objects.select_for_update(skip_locked=True)
                .filter(pk=application_id, status=Application.Status.APPROVED)
                .first()
            )
            if application is None:
                return "not ours"
            _step(application, "tenant")
            tenant = tenant_provision(
                slug=application.subdomain,
                name=application.organisation_name,
                kind=application.kind,
                status=Tenant.Status.TRIAL,
                actor_username=ACTOR,
            )
            tenant.listed = application.listed
            tenant.save(update_fields=["listed"])
            _step(application, "partners")
            _partners(application, tenant)
            _step(application, "programs")
            with tenant_context(tenant):
                provisioning_hooks_run(
                    "programs",
                    tenant=tenant,
                    template_keys=list(application.program_templates),
                )
            if application.own_domain:  # waits for its DNS records
                OwnDomain.objects.create(
                    tenant=tenant, host=application.own_domain, token=token_hex(16)
                )
            _step(application, "administrator")
            link = _first_administrator(application, tenant)
            application.status = Application.Status.LIVE
            application.tenant = tenant
            application.progress = "done"
            application.save(update_fields=["status", "tenant", "progress"])
            _step(application, "done")
            site = site_url(default_domain_for(tenant.slug))
            _welcome(application, site=site, link=f"{site}{link}")
    except Exception as error:  # noqa: BLE001 - reported to the operator, not lost
        logger.exception("provisioning application %s failed", application_id)
        _failed(application_id, error)
        return "failed"
    return "live"


def _welcome(application: Application, *, site: str, link: str) -> None:
    with override("sv"):
        mail_later(
            [application.contact_email],
            _("{name}: your Kompis site is ready").format(
                name=application.organisation_name
            ),
            _(
                "Hello {person},\n\nYour Kompis site is ready at {site} (on trial). "
                "You are its first administrator: choose your password with this "
                "link, which works once and for 3 days:\n\n{link}\n\nThen sign in "
                "at {site}/admin/; the admin's start page lists what to do first."
            ).format(person=application.contact_name, site=site, link=link),
        )


def _failed(application_id: int, error: Exception) -> None:
    reason = f"{type(error).__name__}: {error}"[:2000]
    with transaction.atomic():
        moved = Application.objects.filter(
            pk=application_id, status=Application.Status.APPROVED
        ).update(status=Application.Status.FAILED, error=reason, progress="")
        application = Application.objects.get(pk=application_id)
        if moved:
            with override("sv"):
                mail_later(
                    operator_addresses(),
                    _("Provisioning failed: {name}").format(
                        name=application.organisation_name
                    ),
                    _(
                        "Provisioning {host} failed; nothing was left half-made. "
                        "The reason:\n\n{reason}\n\nApprove it again in the console "
                        "to retry."
                    ).format(host=application.subdomain, reason=reason),
                )
    cache.delete(progress_key(application_id))


@shared_task(acks_late=True)
def application_provision_task(application_id: int) -> str:
    return application_provision(application_id)
