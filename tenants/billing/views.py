"""Stripe's webhook endpoint on the public host: /billing/stripe/webhook/."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tenants.billing.webhooks import stripe_webhook_receive
from tenants.integrations.stripe import StripeUnavailable, WebhookRefused


@csrf_exempt  # Stripe signs the body instead; nothing here reads a session
@require_POST
def stripe_webhook_view(request: HttpRequest) -> JsonResponse:
    try:
        outcome = stripe_webhook_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature")
        )
    except WebhookRefused:
        return JsonResponse(
            {"error": "The signature is missing or wrong, or this is not an event."},
            status=400,
        )
    except StripeUnavailable:
        # Nothing is marked handled: Stripe sends the event again later.
        return JsonResponse(
            {"error": "Stripe could not be asked; try again."}, status=503
        )
    return JsonResponse({"received": True, "outcome": outcome})
