"""The operator console on the public host: tenants, provisioning, support access."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import (
    login_required,
    permission_required,
    user_passes_test,
)
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import ApplicationError
from tenants.billing.checkout import checkout_open, checkout_start
from tenants.billing.einvoices import einvoice_send_again
from tenants.billing.subscriptions import (
    InvoiceDetails,
    subscription_start_by_invoice,
)
from tenants.forms import (
    SubscriptionByCardForm,
    SubscriptionByInvoiceForm,
    SupportAccessForm,
    TenantDomainForm,
    TenantProvisionForm,
    TenantStatusForm,
)
from tenants.integrations.stripe import billing_configured
from tenants.models import Application, BillingAccount, EInvoice, Tenant
from tenants.selectors import audit_log_list, tenant_list, tenant_primary_host
from tenants.services.domains import tenant_domain_add
from tenants.services.provisioning import tenant_provision, tenant_status_set
from tenants.services.support import support_link_issue

PAGE_SIZE = 25

staff_required = user_passes_test(lambda user: user.is_active and user.is_staff)


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _tenant_or_404(slug: str) -> Tenant:
    return get_object_or_404(Tenant.objects.exclude(schema_name="public"), slug=slug)


def _form_error(form, error: ApplicationError) -> None:
    field = error.extra.get("field")
    form.add_error(field if field in form.fields else None, error.message)


@login_required
@staff_required
def tenant_list_view(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    if status not in Tenant.Status.values:
        status = ""
    page = Paginator(tenant_list(search=search, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "tenants/operator/tenant_list.html",
        {
            "page": page,
            "q": search,
            "status": status,
            "statuses": Tenant.Status.choices,
        },
    )


@login_required
@staff_required
@permission_required("tenants.add_tenant", raise_exception=True)
def tenant_provision_view(request: HttpRequest) -> HttpResponse:
    form = TenantProvisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tenant = tenant_provision(
                actor_username=request.user.get_username(), **form.cleaned_data
            )
        except ApplicationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("{name} is ready at {host}.").format(
                    name=tenant.name, host=tenant_primary_host(tenant)
                ),
            )
            return redirect("operator:tenant-detail", slug=tenant.slug)
    return render(request, "tenants/operator/tenant_provision.html", {"form": form})


def _applied_for(tenant: Tenant) -> dict:
    """What the tenant's application asked for, to start its subscription with:
    the plan, and the organisation number and e-mail for an invoice."""
    application = Application.objects.filter(tenant=tenant).select_related("plan")
    application = application.first()
    if application is None:
        return {}
    return {
        "plan": application.plan,
        "organisation_number": application.organisation_number,
        "email": application.contact_email,
    }


@login_required
@staff_required
def tenant_detail_view(
    request: HttpRequest, slug: str, subscription_form=None, card_form=None
) -> HttpResponse:
    tenant = _tenant_or_404(slug)
    failed = subscription_form is not None or card_form is not None
    applied = _applied_for(tenant)
    return render(
        request,
        "tenants/operator/tenant_detail.html",
        {
            "tenant": tenant,
            "domains": tenant.domains.all(),
            "own_domains": tenant.own_domains.all(),
            "partners": tenant.partners.all(),
            "audit": audit_log_list(tenant=tenant)[:20],
            "status_form": TenantStatusForm(initial={"status": tenant.status}),
            "domain_form": TenantDomainForm(),
            "support_form": SupportAccessForm(),
            "billing": BillingAccount.objects.filter(tenant=tenant)
            .select_related("plan")
            .first(),
            "subscription_form": subscription_form
            or SubscriptionByInvoiceForm(initial=applied),
            "card_form": card_form
            or SubscriptionByCardForm(prefix="card", initial=applied),
            "applied_plan": applied.get("plan"),
            "checkout": checkout_open(tenant),
            "einvoices": EInvoice.objects.filter(tenant=tenant)[:20],
            "billing_configured": billing_configured(),
        },
        status=400 if failed else 200,
    )


@require_POST
@login_required
@staff_required
@permission_required("tenants.add_billingaccount", raise_exception=True)
def tenant_subscription_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The operator starts the tenant's subscription, paid by invoice."""
    tenant = _tenant_or_404(slug)
    form = SubscriptionByInvoiceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            subscription_start_by_invoice(
                tenant=tenant,
                plan=data["plan"],
                details=InvoiceDetails(
                    **{k: v for k, v in data.items() if k != "plan"}
                ),
            )
        except ApplicationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("{name} subscribes to {plan}, paid by invoice.").format(
                    name=tenant.name, plan=data["plan"]
                ),
            )
            return redirect("operator:tenant-detail", slug=tenant.slug)
    return tenant_detail_view(request, slug, subscription_form=form)


@require_POST
@login_required
@staff_required
@permission_required("tenants.add_billingaccount", raise_exception=True)
def tenant_checkout_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The operator starts the tenant's subscription, paid by card at Stripe."""
    tenant = _tenant_or_404(slug)
    form = SubscriptionByCardForm(request.POST, prefix="card")
    if form.is_valid():
        billing_page = _tenant_url(
            request, tenant, reverse("tenant_billing", urlconf=settings.ROOT_URLCONF)
        )
        try:
            started = checkout_start(
                tenant=tenant,
                plan=form.cleaned_data["plan"],
                email=form.cleaned_data["email"],
                started_by=request.user.get_username(),
                success_url=f"{billing_page}?betalt=1",
                cancel_url=billing_page,
            )
        except ApplicationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "{name}'s administrators were sent the link to pay {plan} by "
                    "card; it is also on their billing page."
                ).format(name=tenant.name, plan=started.plan),
            )
            return redirect("operator:tenant-detail", slug=tenant.slug)
    return tenant_detail_view(request, slug, card_form=form)


@login_required
@staff_required
@permission_required("tenants.view_billingaccount", raise_exception=True)
def tenant_einvoice_download_view(
    request: HttpRequest, slug: str, pk: int
) -> HttpResponse:
    """The e-invoice as sent (Peppol BIS Billing 3.0 UBL), to download."""
    einvoice = get_object_or_404(
        EInvoice.objects.exclude(xml=""), pk=pk, tenant=_tenant_or_404(slug)
    )
    answer = HttpResponse(einvoice.xml, content_type="application/xml; charset=utf-8")
    answer["Content-Disposition"] = content_disposition_header(
        True, f"{einvoice.number}.xml"
    )
    return answer


@require_POST
@login_required
@staff_required
@permission_required("tenants.change_billingaccount", raise_exception=True)
def tenant_einvoice_send_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Send a failed (or never sent) e-invoice to the access point again."""
    tenant = _tenant_or_404(slug)
    einvoice = get_object_or_404(EInvoice, pk=pk, tenant=tenant)
    try:
        einvoice_send_again(einvoice)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("{number} is on its way again.").format(number=einvoice.number)
        )
    return redirect("operator:tenant-detail", slug=tenant.slug)


@require_POST
@login_required
@staff_required
@permission_required("tenants.change_tenant", raise_exception=True)
def tenant_status_view(request: HttpRequest, slug: str) -> HttpResponse:
    tenant = _tenant_or_404(slug)
    form = TenantStatusForm(request.POST)
    if form.is_valid():
        tenant_status_set(
            tenant=tenant,
            status=form.cleaned_data["status"],
            actor_username=request.user.get_username(),
        )
        messages.success(
            request,
            _("{name} is now {status}.").format(
                name=tenant.name, status=tenant.get_status_display()
            ),
        )
    else:
        messages.error(request, _("Choose one of the listed statuses."))
    return redirect("operator:tenant-detail", slug=tenant.slug)


@require_POST
@login_required
@staff_required
@permission_required("tenants.add_domain", raise_exception=True)
def tenant_domain_view(request: HttpRequest, slug: str) -> HttpResponse:
    tenant = _tenant_or_404(slug)
    form = TenantDomainForm(request.POST)
    if form.is_valid():
        try:
            domain = tenant_domain_add(
                tenant=tenant,
                host=form.cleaned_data["domain"],
                primary=form.cleaned_data["primary"],
                actor_username=request.user.get_username(),
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("{domain} now points to {name}.").format(
                    domain=domain.domain, name=tenant.name
                ),
            )
    else:
        messages.error(request, _("Enter a host name, e.g. kompis.example.se."))
    return redirect("operator:tenant-detail", slug=tenant.slug)


@require_POST
@login_required
@staff_required
@permission_required("tenants.add_supportaccess", raise_exception=True)
def tenant_support_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Issue a one-time sign-in link and send the operator straight through it."""
    tenant = _tenant_or_404(slug)
    form = SupportAccessForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you need access; it goes in the audit log."))
        return redirect("operator:tenant-detail", slug=tenant.slug)
    try:
        token = support_link_issue(
            operator=request.user,
            tenant=tenant,
            reason=form.cleaned_data["reason"],
            minutes=form.cleaned_data["minutes"],
            ip_address=client_ip(request),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("operator:tenant-detail", slug=tenant.slug)
    return HttpResponseRedirect(
        _tenant_url(request, tenant, f"/support/signin/{token}/")
    )


def _tenant_url(request: HttpRequest, tenant: Tenant, path: str) -> str:
    """An address on the tenant's own host, with this request's scheme and port."""
    port = request.get_port()
    default_port = "443" if request.is_secure() else "80"
    netloc = tenant_primary_host(tenant) + ("" if port == default_port else f":{port}")
    return f"{request.scheme}://{netloc}{path}"


@login_required
@staff_required
def audit_log_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(audit_log_list(), 50).get_page(request.GET.get("page"))
    return render(request, "tenants/operator/audit_log.html", {"page": page})
