"""E-invoices for customers paying by invoice: made once per finalised Stripe
invoice or credit note (webhooks call in; a repeated or concurrent event finds
the row made), then sent to the buyer through the access point from an outbox.

Sending: the row is written `queued` in the webhook's transaction and a task is
handed its id after the commit. An attempt claims the row with one conditional
UPDATE (queued and due -> sending, with a lease; of two workers exactly one gets
it), sends outside any transaction, and records the result: sent; failed at
once when the access point refuses the document; otherwise queued again after
EINVOICE_RETRY_DELAYS (the last repeats) until EINVOICE_GIVE_UP_AFTER from
queuing, then failed. The beat job (every 5 minutes) sends what is due and puts
back a row whose worker died mid-attempt (lease expired). The operator sends a
failed (or never sent) document again from the console."""

import logging
from datetime import timedelta
from decimal import Decimal

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from tenants.billing.einvoice_documents import (
    EInvoiceRefused,
    credit_note_document,
    einvoicing_configured,
    invoice_document,
    seller_party,
)
from tenants.billing.models import BillingAccount, EInvoice
from tenants.billing.ubl import ubl_xml
from tenants.integrations.peppol import (
    PeppolRefused,
    PeppolUnavailable,
    document_send,
    peppol_configured,
)
from tenants.integrations.stripe import (
    credit_note_current,
    invoice_current,
    tax_rate_percent,
)
from tenants.validators import digits_only

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)
NOT_SENDABLE = _("Only an e-invoice that was not sent can be sent again.")
NO_ACCESS_POINT = _("No Peppol access point is configured.")


def _percent_cache():
    known: dict[str, Decimal] = {}

    def percent_of(rate_id: str) -> Decimal:
        if rate_id not in known:
            known[rate_id] = tax_rate_percent(rate_id)
        return known[rate_id]

    return percent_of


def _account_of(stripe_document: dict) -> BillingAccount | None:
    customer = stripe_document.get("customer")
    if not isinstance(customer, str):
        return None
    return (
        BillingAccount.objects.select_related("tenant")
        .filter(stripe_customer_id=customer)
        .first()
    )


def _store(stripe_id: str, account: BillingAccount, kind: str, build) -> str:
    """The e-invoice of one Stripe document, made once; what came of it."""
    if EInvoice.objects.filter(stripe_id=stripe_id).exists():
        return "e-invoice kept"
    fields = {"tenant": account.tenant, "kind": kind}
    try:
        document = build()
    except EInvoiceRefused as error:
        fields.update(status=EInvoice.Status.NOT_MADE, last_error=str(error)[:500])
        outcome = f"e-invoice not made: {error}"
    else:
        sending = peppol_configured()
        fields.update(
            number=document.number[:100],
            issued_on=document.issued_on,
            total_ore=document.total_ore,
            xml=ubl_xml(document).decode(),
            status=EInvoice.Status.QUEUED if sending else EInvoice.Status.MADE,
            queued_at=timezone.now() if sending else None,
            next_attempt_at=timezone.now() if sending else None,
        )
        outcome = f"e-invoice {document.number} made"
    try:
        with transaction.atomic():
            made = EInvoice.objects.create(stripe_id=stripe_id, **fields)
    except IntegrityError:  # another worker made it a moment ago
        return "e-invoice kept"
    if made.status == EInvoice.Status.QUEUED:
        transaction.on_commit(lambda: einvoice_send_task.delay(made.pk))
    return outcome


def _paying_by_invoice(invoice: dict) -> tuple[BillingAccount | None, str]:
    """The billing account an e-invoice of `invoice` goes to, or why none does."""
    if invoice.get("collection_method") != "send_invoice":
        return None, "paid by card: no e-invoice"
    account = _account_of(invoice)
    return account, "" if account else "no tenant has this customer"


def einvoice_for_invoice(invoice_id: str) -> str:
    """The e-invoice of a finalised Stripe invoice, if its customer pays by
    invoice and e-invoicing is configured."""
    if not einvoicing_configured():
        return "e-invoicing not configured"
    invoice = invoice_current(invoice_id)
    account, skipped = _paying_by_invoice(invoice)
    if account is None:
        return skipped
    return _store(
        invoice["id"],
        account,
        EInvoice.Kind.INVOICE,
        lambda: invoice_document(invoice, account=account, percent_of=_percent_cache()),
    )


def einvoice_for_credit_note(credit_note_id: str) -> str:
    """The e-credit note of a Stripe credit note on an invoice paid by invoice."""
    if not einvoicing_configured():
        return "e-invoicing not configured"
    note = credit_note_current(credit_note_id)
    invoice = invoice_current(str(note.get("invoice") or ""))
    account, skipped = _paying_by_invoice(invoice)
    if account is None:
        return skipped
    return _store(
        note["id"],
        account,
        EInvoice.Kind.CREDIT_NOTE,
        lambda: credit_note_document(
            note, invoice=invoice, account=account, percent_of=_percent_cache()
        ),
    )


def _delays() -> list[int]:
    return list(settings.EINVOICE_RETRY_DELAYS) or [300]


def _claim(einvoice_id: int) -> EInvoice | None:
    now = timezone.now()
    claimed = (
        EInvoice.objects.filter(pk=einvoice_id, status=EInvoice.Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(
            status=EInvoice.Status.SENDING,
            claimed_until=now + LEASE,
            attempts=F("attempts") + 1,
        )
    )
    return EInvoice.objects.get(pk=einvoice_id) if claimed else None


def einvoice_attempt(einvoice_id: int) -> EInvoice | None:
    """One attempt to send; None when it was not this call's to send (sent,
    being sent by another worker, or not due)."""
    einvoice = _claim(einvoice_id)
    if einvoice is None:
        return None
    rows = EInvoice.objects.filter(pk=einvoice.pk, status=EInvoice.Status.SENDING)
    try:
        buyer = BillingAccount.objects.get(tenant_id=einvoice.tenant_id)
        transmission = document_send(
            xml=einvoice.xml.encode(),
            document_id=f"kompis-{einvoice.stripe_id}",
            sender=seller_party().endpoint,
            receiver=digits_only(buyer.organisation_number),
            credit_note=einvoice.kind == EInvoice.Kind.CREDIT_NOTE,
        )
    except PeppolRefused as error:
        rows.update(
            status=EInvoice.Status.FAILED,
            last_error=str(error)[:500],
            claimed_until=None,
            next_attempt_at=None,
        )
    except (PeppolUnavailable, BillingAccount.DoesNotExist) as error:
        _retry_later(einvoice, rows, str(error) or type(error).__name__)
    else:
        rows.update(
            status=EInvoice.Status.SENT,
            sent_at=timezone.now(),
            access_point_id=transmission,
            last_error="",
            claimed_until=None,
            next_attempt_at=None,
        )
    einvoice.refresh_from_db()
    return einvoice


def _retry_later(einvoice: EInvoice, rows, error: str) -> None:
    now = timezone.now()
    window_end = (einvoice.queued_at or einvoice.created_at) + timedelta(
        seconds=settings.EINVOICE_GIVE_UP_AFTER
    )
    if now >= window_end:
        rows.update(
            status=EInvoice.Status.FAILED,
            last_error=error[:500],
            claimed_until=None,
            next_attempt_at=None,
        )
        logger.warning("e-invoice %s failed for good: %s", einvoice.number, error)
        return
    delays = _delays()
    delay = delays[min(einvoice.attempts, len(delays)) - 1]
    rows.update(
        status=EInvoice.Status.QUEUED,
        last_error=error[:500],
        claimed_until=None,
        next_attempt_at=min(now + timedelta(seconds=delay), window_end),
    )


@shared_task(acks_late=True)
def einvoice_send_task(einvoice_id: int) -> str:
    sent = einvoice_attempt(einvoice_id)
    return sent.status if sent is not None else "not ours"


def einvoices_send_due() -> int:
    """The beat job: put back rows whose worker died, send what is due; how many
    were sent."""
    if not peppol_configured():
        return 0
    now = timezone.now()
    EInvoice.objects.filter(
        status=EInvoice.Status.SENDING, claimed_until__lt=now
    ).update(status=EInvoice.Status.QUEUED, claimed_until=None, next_attempt_at=now)
    due = EInvoice.objects.filter(status=EInvoice.Status.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    sent = 0
    for einvoice_id in due.values_list("pk", flat=True)[:200]:
        result = einvoice_attempt(einvoice_id)
        sent += result is not None and result.status == EInvoice.Status.SENT
    return sent


def einvoice_send_again(einvoice: EInvoice) -> None:
    """The operator sends a failed or never-sent document (again): queued now,
    with a new retry window."""
    if not peppol_configured():
        raise ApplicationError(str(NO_ACCESS_POINT))
    now = timezone.now()
    moved = EInvoice.objects.filter(
        pk=einvoice.pk, status__in=[EInvoice.Status.FAILED, EInvoice.Status.MADE]
    ).update(
        status=EInvoice.Status.QUEUED,
        attempts=0,
        queued_at=now,
        next_attempt_at=now,
        last_error="",
    )
    if not moved:
        raise ApplicationError(str(NOT_SENDABLE))
    transaction.on_commit(lambda: einvoice_send_task.delay(einvoice.pk))
