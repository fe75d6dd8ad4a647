"""Plans are prices at Stripe: the operator keeps them in Django admin, each with
what it includes and its grace period, and publishes each to Stripe once."""

from django.db import transaction

from config.errors import ApplicationError
from tenants.billing.models import Plan
from tenants.integrations.stripe import StripeUnavailable, price_create

ORE_PER_KRONA = 100


def plan_publish(plan: Plan) -> Plan:
    """The plan as a product and a price at Stripe, made once: the row is locked
    and Stripe is given an idempotency key, so a second call or two at once make
    no second price."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.stripe_price_id:
            return locked
        try:
            locked.stripe_price_id = price_create(
                plan_key=f"plan-{locked.pk}",
                name=locked.name,
                description=locked.includes,
                amount_ore=locked.price_sek * ORE_PER_KRONA,
                interval=locked.interval,
            )
        except StripeUnavailable as error:
            raise ApplicationError(
                f"Stripe could not be reached ({error}); try again later."
            ) from None
        locked.save(update_fields=["stripe_price_id"])
    return locked
