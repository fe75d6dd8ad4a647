"""What an e-invoice says, read from a finalised Stripe invoice or credit note:
parties, lines, VAT per rate and totals, in öre. The totals are Stripe's own,
and a document whose lines, VAT and totals do not add up to them is refused
(EInvoiceRefused) rather than sent: the buyer's books must agree with Stripe's
to the öre. ubl.py writes it as Peppol BIS Billing 3.0."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from tenants.billing.subscriptions import vat_number
from tenants.validators import digits_only


class EInvoiceRefused(Exception):
    """The Stripe document cannot be made an e-invoice (said why)."""


@dataclass(frozen=True)
class Party:
    name: str
    organisation_number: str  # ten digits
    street: str
    postal_code: str
    city: str
    country: str = "SE"
    email: str = ""

    @property
    def vat_number(self) -> str:
        return vat_number(self.organisation_number)

    @property
    def endpoint(self) -> str:
        """Peppol participant id: the organisation number (scheme 0007)."""
        return self.organisation_number


@dataclass(frozen=True)
class Line:
    description: str
    quantity: int
    net_ore: int  # excluding VAT
    percent: Decimal
    period: tuple[date, date] | None = None


@dataclass(frozen=True)
class VatGroup:
    percent: Decimal
    taxable_ore: int
    tax_ore: int


@dataclass
class Document:
    credit_note: bool
    number: str
    issued_on: date
    seller: Party
    buyer: Party
    lines: list[Line]
    vat: list[VatGroup]
    total_ore: int  # including VAT
    payable_ore: int
    due_on: date | None = None
    buyer_reference: str = ""
    order_number: str = ""
    invoice_number: str = ""  # the invoice a credit note credits
    bankgiro: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def net_ore(self) -> int:
        return sum(line.net_ore for line in self.lines)

    @property
    def tax_ore(self) -> int:
        return sum(group.tax_ore for group in self.vat)

    @property
    def prepaid_ore(self) -> int:
        return self.total_ore - self.payable_ore


def einvoicing_configured() -> bool:
    seller = settings.INVOICE_SELLER
    return bool(seller.get("organisation_number") and seller.get("bankgiro"))


def seller_party() -> Party:
    seller = settings.INVOICE_SELLER
    return Party(
        name=seller["name"],
        organisation_number=digits_only(seller["organisation_number"]),
        street=seller["street"],
        postal_code=seller["postal_code"],
        city=seller["city"],
        email=seller.get("email", ""),
    )


def _day(stamp) -> date | None:
    if not isinstance(stamp, int):
        return None
    moment = datetime.fromtimestamp(stamp, tz=UTC)
    return timezone.localdate(moment)


def _taxes(item: dict) -> list[tuple[str, int]]:
    """(tax rate id, amount in öre) of a line or document, in either of Stripe's
    shapes (`tax_amounts` before API 2025-03, `taxes`/`total_taxes` after)."""
    found = []
    for tax in item.get("tax_amounts") or []:
        rate = tax.get("tax_rate")
        found.append((rate if isinstance(rate, str) else rate["id"], tax["amount"]))
    for tax in item.get("taxes") or item.get("total_taxes") or []:
        details = tax.get("tax_rate_details") or {}
        found.append((details.get("tax_rate", ""), tax["amount"]))
    return found


def _line(item: dict, percent_of) -> Line:
    taxes = _taxes(item)
    if len(taxes) != 1:
        raise EInvoiceRefused(
            f"line {item.get('description')!r} has {len(taxes)} VAT rates, not one"
        )
    if item.get("discount_amounts") and any(
        d.get("amount") for d in item["discount_amounts"]
    ):
        raise EInvoiceRefused("discounts are not written into e-invoices yet")
    period = item.get("period") or {}
    start, end = _day(period.get("start")), _day(period.get("end"))
    return Line(
        description=str(item.get("description") or "")[:200] or "Kompis",
        quantity=int(item.get("quantity") or 1),
        net_ore=int(item["amount"]),
        percent=percent_of(taxes[0][0]),
        period=(start, end) if start and end else None,
    )


def _vat_groups(items: list[dict], lines: list[Line], percent_of) -> list[VatGroup]:
    """VAT per rate from Stripe's tax amounts (never recomputed), taxable amounts
    from the lines."""
    taxable: dict[Decimal, int] = {}
    tax: dict[Decimal, int] = {}
    for item, line in zip(items, lines, strict=True):
        taxable[line.percent] = taxable.get(line.percent, 0) + line.net_ore
        for rate, amount in _taxes(item):
            percent = percent_of(rate)
            tax[percent] = tax.get(percent, 0) + int(amount)
    return [
        VatGroup(percent=percent, taxable_ore=taxable[percent], tax_ore=tax[percent])
        for percent in sorted(taxable)
    ]


def _checked(document: Document, *, stripe_net: int, stripe_tax: int) -> Document:
    """Refused unless lines, VAT and totals agree with Stripe's to the öre."""
    if not document.lines:
        raise EInvoiceRefused(f"{document.number} has no lines")
    if document.net_ore != stripe_net:
        raise EInvoiceRefused(
            f"{document.number}: lines {document.net_ore} öre, Stripe {stripe_net}"
        )
    if document.tax_ore != stripe_tax:
        raise EInvoiceRefused(
            f"{document.number}: VAT {document.tax_ore} öre, Stripe {stripe_tax}"
        )
    if document.net_ore + document.tax_ore != document.total_ore:
        raise EInvoiceRefused(
            f"{document.number}: net + VAT is not Stripe's total {document.total_ore}"
        )
    if not 0 <= document.payable_ore <= document.total_ore:
        raise EInvoiceRefused(f"{document.number}: amount due is out of range")
    return document


def _stripe_tax(obj: dict) -> int:
    if isinstance(obj.get("tax"), int):
        return obj["tax"]
    return sum(amount for _rate, amount in _taxes(obj))


def _buyer(obj: dict, account) -> Party:
    address = obj.get("customer_address") or {}
    return Party(
        name=str(obj.get("customer_name") or account.tenant.name),
        organisation_number=digits_only(account.organisation_number),
        street=" ".join(
            part for part in (address.get("line1"), address.get("line2")) if part
        ),
        postal_code=str(address.get("postal_code") or ""),
        city=str(address.get("city") or ""),
        country=str(address.get("country") or "SE"),
        email=str(obj.get("customer_email") or ""),
    )


def invoice_document(invoice: dict, *, account, percent_of) -> Document:
    """The e-invoice of a finalised Stripe invoice to a customer paying by
    invoice. `percent_of` gives a Stripe tax rate's percentage."""
    if invoice.get("discount") or any(
        d.get("amount") for d in invoice.get("total_discount_amounts") or []
    ):
        raise EInvoiceRefused("discounts are not written into e-invoices yet")
    items = list((invoice.get("lines") or {}).get("data") or [])
    lines = [_line(item, percent_of) for item in items]
    document = Document(
        credit_note=False,
        number=str(invoice.get("number") or invoice["id"]),
        issued_on=_day(
            (invoice.get("status_transitions") or {}).get("finalized_at")
            or invoice.get("created")
        )
        or timezone.localdate(),
        due_on=_day(invoice.get("due_date")),
        seller=seller_party(),
        buyer=_buyer(invoice, account),
        lines=lines,
        vat=_vat_groups(items, lines, percent_of),
        total_ore=int(invoice["total"]),
        payable_ore=int(invoice["amount_due"]),
        buyer_reference=account.buyer_reference,
        order_number=account.order_number,
        bankgiro=digits_only(settings.INVOICE_SELLER["bankgiro"]),
    )
    stripe_net = invoice.get("total_excluding_tax", invoice.get("subtotal"))
    return _checked(
        document, stripe_net=int(stripe_net), stripe_tax=_stripe_tax(invoice)
    )


def credit_note_document(note: dict, *, invoice: dict, account, percent_of) -> Document:
    """The e-credit note of a Stripe credit note, naming the invoice it credits."""
    items = list((note.get("lines") or {}).get("data") or [])
    lines = [_line(item, percent_of) for item in items]
    document = Document(
        credit_note=True,
        number=str(note.get("number") or note["id"]),
        issued_on=_day(note.get("created")) or timezone.localdate(),
        seller=seller_party(),
        buyer=_buyer(invoice, account),
        lines=lines,
        vat=_vat_groups(items, lines, percent_of),
        total_ore=int(note["total"]),
        payable_ore=int(note["total"]),
        buyer_reference=account.buyer_reference,
        order_number=account.order_number,
        invoice_number=str(invoice.get("number") or invoice["id"]),
        bankgiro=digits_only(settings.INVOICE_SELLER["bankgiro"]),
    )
    stripe_net = note.get("total_excluding_tax", note.get("subtotal"))
    return _checked(document, stripe_net=int(stripe_net), stripe_tax=_stripe_tax(note))
