"""An application's way: submitted on the public host (unconfirmed until the
applicant follows the link in the e-mail), decided by the operator (declined
with a reason the applicant receives, or approved: a worker provisions the
site, see provision.py). LAUNCH_AUTO_APPROVE_TRIALS approves a confirmed
application on its own. Every move is one conditional update, so a double click
or two operators at once move it once and tell once."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.errors import ApplicationError
from config.one_time_tokens import (
    TokenRefusals,
    one_time_token_hash,
    one_time_token_new,
    one_time_token_spend,
)
from tenants.launch.models import Application
from tenants.launch.notify import operator_addresses
from tenants.launch.subdomains import TAKEN, subdomain_problem
from tenants.mail import mail_later
from tenants.models import Plan
from tenants.services.provisioning import default_domain_for
from tenants.validators import format_organisation_number

CONFIRM_DAYS = 7
REFUSALS = TokenRefusals(
    invalid=gettext_lazy("This link is not valid. Apply again, or ask us."),
    used=gettext_lazy("Your e-mail is already confirmed: the application is with us."),
    expired=gettext_lazy("This link has expired (after 7 days). Apply again."),
)
NOT_TO_DECIDE = gettext_lazy("This application is not waiting for a decision.")
REASON_NEEDED = gettext_lazy("Say why: the applicant receives the reason.")


@dataclass
class ApplicationData:
    kind: str
    organisation_name: str
    organisation_number: str
    contact_name: str
    contact_role: str
    contact_email: str
    contact_phone: str
    subdomain: str
    own_domain: str = ""
    plan: Plan | None = None
    program_templates: list[str] = field(default_factory=list)
    partners: list[dict] = field(default_factory=list)
    listed: bool = False


def application_submit(
    *, data: ApplicationData, base_url: str
) -> tuple[Application, str]:
    """Store the application, unconfirmed, and send the applicant the link to
    confirm their e-mail; the application and the applicant's status link."""
    problem = subdomain_problem(data.subdomain)
    if problem:
        raise ApplicationError(problem, {"field": "subdomain"})
    token, token_hash = one_time_token_new()
    status_token, status_hash = one_time_token_new()
    with transaction.atomic():
        application = Application.objects.create(
            kind=data.kind,
            organisation_name=data.organisation_name.strip(),
            organisation_number=format_organisation_number(data.organisation_number),
            partners=data.partners,
            contact_name=data.contact_name.strip(),
            contact_role=data.contact_role.strip(),
            contact_email=data.contact_email,
            contact_phone=data.contact_phone,
            subdomain=data.subdomain.strip().lower(),
            own_domain=data.own_domain,
            plan=data.plan,
            program_templates=data.program_templates,
            listed=data.listed,
            token_hash=token_hash,
            expires_at=timezone.now() + timedelta(days=CONFIRM_DAYS),
            status_token_hash=status_hash,
        )
        mail_later(
            [application.contact_email],
            _("Confirm your application for {name}").format(
                name=application.organisation_name
            ),
            _(
                "Hello {person},\n\nThank you for applying to launch a Kompis site for "
                "{name}. Confirm your e-mail address with this link (valid for 7 "
                "days), and the application reaches us:\n\n{confirm}\n\nFollow the "
                "application here:\n\n{status}\n\nIf you did not apply, ignore this "
                "e-mail."
            ).format(
                person=application.contact_name,
                name=application.organisation_name,
                confirm=f"{base_url}/ansok/bekrafta/{token}/",
                status=f"{base_url}/ansok/status/{status_token}/",
            ),
        )
    return application, status_token


def application_by_status_token(token: str) -> Application | None:
    return (
        Application.objects.select_related("plan", "tenant")
        .filter(status_token_hash=one_time_token_hash(token))
        .first()
    )


def application_confirm(*, token: str, base_url: str) -> Application:
    """The applicant's e-mail is confirmed: the application reaches the
    operator (or, by the setting, is approved at once)."""
    with transaction.atomic():
        application = one_time_token_spend(
            Application.objects.all(), token=token, refusals=REFUSALS
        )
        if application.status != Application.Status.UNCONFIRMED:
            raise ApplicationError(str(REFUSALS.used))
        problem = subdomain_problem(application.subdomain)
        if problem:  # someone else's application got there first
            raise ApplicationError(problem)
        application.status = Application.Status.SUBMITTED
        application.confirmed_at = timezone.now()
        try:
            with transaction.atomic():
                application.save(update_fields=["status", "confirmed_at"])
        except IntegrityError:  # another application got there a moment ago
            raise ApplicationError(
                subdomain_problem(application.subdomain)
                or str(TAKEN).format(
                    name=application.subdomain,
                    suffix=settings.PLATFORM_TENANT_DOMAIN_SUFFIX,
                )
            ) from None
        mail_later(
            operator_addresses(),
            _("New application: {name}").format(name=application.organisation_name),
            _("{name} applies for {host}. Decide in the console:\n\n{url}").format(
                name=application.organisation_name,
                host=default_domain_for(application.subdomain),
                url=f"{base_url}/operator/applications/{application.pk}/",
            ),
        )
    if settings.LAUNCH_AUTO_APPROVE_TRIALS:
        application_approve(application=application, actor="automatic")
        application.refresh_from_db()
    return application


def _decided(application: Application, *, to: str, actor: str, **fields) -> bool:
    """Move a waiting (or failed) application on; False when it was not waiting."""
    waiting = [Application.Status.SUBMITTED]
    if to == Application.Status.APPROVED:
        waiting.append(Application.Status.FAILED)  # a retry
    moved = Application.objects.filter(pk=application.pk, status__in=waiting).update(
        status=to, decided_at=timezone.now(), decided_by=actor[:150], **fields
    )
    return bool(moved)


def application_decline(*, application: Application, reason: str, actor: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(str(REASON_NEEDED), {"field": "reason"})
    with transaction.atomic():
        if not _decided(
            application,
            to=Application.Status.DECLINED,
            actor=actor,
            decline_reason=reason,
        ):
            raise ApplicationError(str(NOT_TO_DECIDE))
        mail_later(
            [application.contact_email],
            _("Your application for {name}").format(name=application.organisation_name),
            _(
                "Hello {person},\n\nWe cannot launch a Kompis site for {name} this "
                "time. The reason:\n\n{reason}\n\nYou are welcome to answer this "
                "e-mail or apply again."
            ).format(
                person=application.contact_name,
                name=application.organisation_name,
                reason=reason,
            ),
        )


def application_approve(*, application: Application, actor: str) -> None:
    """Approved: a worker provisions the site after the commit (provision.py)."""
    from tenants.launch.provision import application_provision_task

    with transaction.atomic():
        if not _decided(
            application,
            to=Application.Status.APPROVED,
            actor=actor,
            error="",
            progress="",
        ):
            raise ApplicationError(str(NOT_TO_DECIDE))
        transaction.on_commit(lambda: application_provision_task.delay(application.pk))
