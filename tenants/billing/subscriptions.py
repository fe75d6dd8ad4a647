"""The operator starts a tenant's subscription paid by invoice, as Swedish
municipalities pay: the customer with its organisation and VAT numbers, invoice
address and the buyer's reference (or order number: one of them is required on
a public body's e-invoice), a subscription on a published plan, 30 days to pay,
25 % VAT. Once per tenant: the tenant's row is locked and every call to Stripe
carries an idempotency key, so a double click makes one subscription."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from tenants.billing.models import BillingAccount, Plan
from tenants.billing.status import billing_status_apply
from tenants.integrations.stripe import (
    StripeUnavailable,
    customer_create,
    invoiced_subscription_create,
    vat_rate_id,
)
from tenants.models import Tenant
from tenants.validators import (
    digits_only,
    format_organisation_number,
    validate_organisation_number,
)

DAYS_TO_PAY = 30
REFERENCE_REQUIRED = _("Give the buyer's reference or an order number (or both).")
PLAN_NOT_PUBLISHED = _("Publish the plan to Stripe first.")
ALREADY_SUBSCRIBED = _("{tenant} has a subscription already.")
STRIPE_DOWN = _("Stripe could not be reached; nothing was started. Try again.")


@dataclass
class InvoiceDetails:
    organisation_number: str
    email: str
    address_line: str
    postal_code: str
    city: str
    buyer_reference: str = ""
    order_number: str = ""


def vat_number(organisation_number: str) -> str:
    """A Swedish VAT number: SE, the organisation number's ten digits, 01."""
    return f"SE{digits_only(organisation_number)}01"


def _checked(plan: Plan, details: InvoiceDetails) -> str:
    try:
        validate_organisation_number(details.organisation_number)
    except ValidationError as error:
        raise ApplicationError(
            error.messages[0], {"field": "organisation_number"}
        ) from None
    if not (details.buyer_reference.strip() or details.order_number.strip()):
        raise ApplicationError(str(REFERENCE_REQUIRED), {"field": "buyer_reference"})
    if not plan.stripe_price_id:
        raise ApplicationError(str(PLAN_NOT_PUBLISHED), {"field": "plan"})
    return format_organisation_number(details.organisation_number)


def subscription_start_by_invoice(
    *, tenant: Tenant, plan: Plan, details: InvoiceDetails
) -> BillingAccount:
    organisation_number = _checked(plan, details)
    references = [
        ("Referens", details.buyer_reference.strip()),
        ("Ordernummer", details.order_number.strip()),
        ("Org.nr", organisation_number),
    ]
    with transaction.atomic():
        locked = Tenant.objects.select_for_update().get(pk=tenant.pk)
        account = BillingAccount.objects.filter(tenant=locked).first()
        if account is not None and account.stripe_subscription_id:
            raise ApplicationError(str(ALREADY_SUBSCRIBED).format(tenant=locked.name))
        try:
            customer_id = customer_create(
                key=f"tenant-{locked.pk}",
                name=locked.name,
                email=details.email,
                address={
                    "line1": details.address_line,
                    "postal_code": details.postal_code,
                    "city": details.city,
                    "country": "SE",
                },
                vat_number=vat_number(organisation_number),
                references=[(label, value) for label, value in references if value],
                metadata={"tenant": locked.slug},
            )
            subscription = invoiced_subscription_create(
                key=f"tenant-{locked.pk}-plan-{plan.pk}",
                customer_id=customer_id,
                price_id=plan.stripe_price_id,
                tax_rate_id=vat_rate_id(25),
                days=DAYS_TO_PAY,
            )
        except StripeUnavailable:
            raise ApplicationError(str(STRIPE_DOWN)) from None
        account, _created = BillingAccount.objects.update_or_create(
            tenant=locked,
            defaults={
                "stripe_customer_id": customer_id,
                "stripe_subscription_id": subscription["id"],
                "plan": plan,
                "organisation_number": organisation_number,
                "buyer_reference": details.buyer_reference.strip(),
                "order_number": details.order_number.strip(),
                "subscription_status": str(subscription.get("status", ""))[:32],
            },
        )
        billing_status_apply(locked, account.subscription_status)
    return account
