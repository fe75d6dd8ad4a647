"""Sending e-invoices through one Peppol access point's HTTP API. Configured by
settings: PEPPOL_ACCESS_POINT_URL (without it nothing is sent; documents wait
for the operator to download or send them) and PEPPOL_ACCESS_POINT_TOKEN.

The API: POST {url}/v1/documents with the UBL document as the body
(application/xml), the bearer token, the sender's and receiver's Peppol ids
(`0007:<organisation number>`) in X-Peppol-Sender / X-Peppol-Receiver, the
document type in X-Peppol-Document-Type, and our document's id in
Idempotency-Key (the access point accepts a document once, so a retry after a
lost answer does not deliver it twice). 2xx with {"id": …} is accepted; 4xx
other than 408/429 is a refusal (the document is wrong: sending it again will
not help); anything else, or no answer, is worth trying again later."""

import requests
from django.conf import settings

TIMEOUT_SECONDS = 10
INVOICE_TYPE = (
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##"
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)
CREDIT_NOTE_TYPE = (
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##"
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)
RETRYABLE = {408, 429}


class PeppolUnavailable(Exception):
    """The access point did not take the document now; try again later."""


class PeppolRefused(Exception):
    """The access point refused the document; sending it again will not help."""


def peppol_configured() -> bool:
    return bool(settings.PEPPOL_ACCESS_POINT_URL)


def document_send(
    *, xml: bytes, document_id: str, sender: str, receiver: str, credit_note: bool
) -> str:
    """Hand the document to the access point; its id for the transmission."""
    try:
        answer = requests.post(
            f"{settings.PEPPOL_ACCESS_POINT_URL.rstrip('/')}/v1/documents",
            data=xml,
            headers={
                "Authorization": f"Bearer {settings.PEPPOL_ACCESS_POINT_TOKEN}",
                "Content-Type": "application/xml",
                "X-Peppol-Sender": f"0007:{sender}",
                "X-Peppol-Receiver": f"0007:{receiver}",
                "X-Peppol-Document-Type": CREDIT_NOTE_TYPE
                if credit_note
                else INVOICE_TYPE,
                "Idempotency-Key": document_id,
            },
            timeout=TIMEOUT_SECONDS,
        )
    except requests.RequestException as error:
        raise PeppolUnavailable(type(error).__name__) from error
    if 200 <= answer.status_code < 300:
        try:
            return str(answer.json().get("id", ""))[:100]
        except ValueError:
            return ""
    said = answer.text[:300]
    if 400 <= answer.status_code < 500 and answer.status_code not in RETRYABLE:
        raise PeppolRefused(f"{answer.status_code}: {said}")
    raise PeppolUnavailable(f"{answer.status_code}: {said}")
