"""The tenant's administrators see their subscription in their admin (Settings →
Billing): the tenant's status and why, the invoices not paid yet with a link to
each, and Stripe's customer portal. Open to a suspended tenant's staff too (the
suspension closes the public site, not the admin), so they can pay."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants.billing.checkout import checkout_open
from tenants.billing.models import BillingAccount
from tenants.billing.overdue import invoice_due_on
from tenants.billing.plans import ORE_PER_KRONA
from tenants.integrations.stripe import (
    StripeUnavailable,
    billing_configured,
    invoices_open,
    portal_session_url,
)
from tenants.staff_access.api_tokens import manages_staff_access


def _account(request) -> BillingAccount | None:
    """The tenant's account at Stripe; None without one, or without billing."""
    if not billing_configured():
        return None
    return (
        BillingAccount.objects.filter(tenant=request.tenant)
        .select_related("plan")
        .first()
    )


def billing_view(request):
    if not manages_staff_access(request.user):
        raise PermissionDenied
    account = _account(request)
    invoices, unavailable = [], False
    if account is not None:
        try:
            invoices = invoices_open(account.stripe_customer_id)
        except StripeUnavailable:
            unavailable = True
    return TemplateResponse(
        request,
        "tenants/billing/billing.html",
        {
            "configured": billing_configured(),
            "tenant": request.tenant,
            "account": account,
            "invoices": [
                {
                    "number": invoice.get("number") or invoice.get("id"),
                    "amount": (invoice.get("amount_remaining") or 0) / ORE_PER_KRONA,
                    "currency": str(invoice.get("currency", "sek")).upper(),
                    "due": invoice_due_on(invoice),
                    "link": invoice.get("hosted_invoice_url") or "",
                }
                for invoice in invoices
            ],
            "unavailable": unavailable,
            "checkout": checkout_open(request.tenant) if billing_configured() else None,
            "paid": request.GET.get("betalt") == "1",
        },
    )


@require_POST
def billing_portal_view(request):
    """To Stripe's customer portal, and back to this page afterwards."""
    if not manages_staff_access(request.user):
        raise PermissionDenied
    account = _account(request)
    if account is None:
        messages.error(request, _("No subscription is linked to this site yet."))
        return redirect("tenant_billing")
    try:
        url = portal_session_url(
            account.stripe_customer_id,
            return_url=request.build_absolute_uri(reverse("tenant_billing")),
        )
    except StripeUnavailable:
        messages.error(request, _("Stripe could not be reached; try again later."))
        return redirect("tenant_billing")
    return redirect(url)
