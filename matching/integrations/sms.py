"""The one module that talks to the SMS gateway (46elks' HTTP API: a form POST
with from, to and message, basic auth, JSON answer with an id).

Everything else sends SMS through the outbox, which calls `sms_send`.
"""

import requests
from django.conf import settings

TIMEOUT_SECONDS = 10


class SmsGatewayError(Exception):
    """The gateway could not be reached or refused the message; worth a retry."""


class SmsNotConfigured(SmsGatewayError):
    pass


def sms_send(*, to: str, body: str, sender: str) -> str:
    """Send one SMS; returns the gateway's id for it."""
    if not settings.SMS_API_URL or not settings.SMS_API_USERNAME:
        raise SmsNotConfigured("No SMS gateway is configured (SMS_API_URL).")
    try:
        response = requests.post(
            settings.SMS_API_URL,
            data={"from": sender, "to": to, "message": body},
            auth=(settings.SMS_API_USERNAME, settings.SMS_API_PASSWORD),
            timeout=TIMEOUT_SECONDS,
        )
    except requests.RequestException as error:
        raise SmsGatewayError(f"SMS gateway unreachable: {error}") from error
    if response.status_code >= 300:
        raise SmsGatewayError(
            f"SMS gateway answered {response.status_code}: {response.text[:200]}"
        )
    try:
        return str(response.json().get("id", ""))
    except ValueError:
        return ""
