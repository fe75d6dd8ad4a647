"""Rate limits for the public HTML forms, counted like the API's throttles: per
client address (config.client_address) and per tenant (tenant-aware cache keys)."""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from config.client_address import client_address_key


def form_rate_limited(
    request: HttpRequest,
    *,
    group: str,
    rate_setting: str = "REGISTRATION_THROTTLE_RATE",
) -> bool:
    """Count a POST of the form `group`; True when this address is over the rate.

    The rate comes from a setting in DRF's notation ("30/minute"); None switches
    the limit off. GET requests are never counted.
    """
    rate = getattr(settings, rate_setting, None)
    if not rate or request.method != "POST":
        return False
    return is_ratelimited(
        request,
        group=f"form:{group}",
        key=client_address_key,
        rate=rate,
        method="POST",
        increment=True,
    )
