"""A Document (einvoice_documents.py) as Peppol BIS Billing 3.0 UBL: an Invoice,
or a CreditNote for a credit. UBL's schema fixes the order of elements, so each
element is written in its schema's order. Swedish practice: the parties by
organisation number (scheme 0007), VAT numbers SE…01, the seller "Godkänd för
F-skatt", payment to the seller's Bankgiro (means 30, SE:BANKGIRO)."""

from decimal import Decimal

from lxml import etree as ET

from tenants.billing.einvoice_documents import Document, Line, Party

INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION = (
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
)
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
ORGANISATION_SCHEME = "0007"  # Swedish organisation number
INVOICE_TYPE = "380"  # commercial invoice
CREDIT_NOTE_TYPE = "381"
BANKGIRO_MEANS = "30"  # credit transfer
BANKGIRO_BRANCH = "SE:BANKGIRO"
F_SKATT = "Godkänd för F-skatt"
CURRENCY = "SEK"
UNIT = "C62"  # one (a subscription period)


def _kronor(ore: int) -> str:
    return str((Decimal(ore) / 100).quantize(Decimal("0.01")))


def _percent(percent: Decimal) -> str:
    return format(percent.normalize(), "f")


class _Writer:
    def __init__(self, root: ET.Element):
        self.root = root

    def basic(self, parent, tag: str, text, **attributes) -> ET.Element:
        element = ET.SubElement(parent, f"{{{CBC}}}{tag}", attributes)
        element.text = str(text)
        return element

    def amount(self, parent, tag: str, ore: int) -> ET.Element:
        return self.basic(parent, tag, _kronor(ore), currencyID=CURRENCY)

    def group(self, parent, tag: str) -> ET.Element:
        return ET.SubElement(parent, f"{{{CAC}}}{tag}")


def _party(w: _Writer, parent, party: Party, *, seller: bool) -> None:
    holder = w.group(
        w.group(
            parent, "AccountingSupplierParty" if seller else "AccountingCustomerParty"
        ),
        "Party",
    )
    w.basic(holder, "EndpointID", party.endpoint, schemeID=ORGANISATION_SCHEME)
    if not seller:
        identification = w.group(holder, "PartyIdentification")
        w.basic(
            identification,
            "ID",
            party.organisation_number,
            schemeID=ORGANISATION_SCHEME,
        )
    w.basic(w.group(holder, "PartyName"), "Name", party.name)
    address = w.group(holder, "PostalAddress")
    if party.street:
        w.basic(address, "StreetName", party.street)
    if party.city:
        w.basic(address, "CityName", party.city)
    if party.postal_code:
        w.basic(address, "PostalZone", party.postal_code)
    w.basic(w.group(address, "Country"), "IdentificationCode", party.country)
    vat = w.group(holder, "PartyTaxScheme")
    w.basic(vat, "CompanyID", party.vat_number)
    w.basic(w.group(vat, "TaxScheme"), "ID", "VAT")
    if seller:
        tax = w.group(holder, "PartyTaxScheme")
        w.basic(tax, "CompanyID", F_SKATT)
        w.basic(w.group(tax, "TaxScheme"), "ID", "TAX")
    legal = w.group(holder, "PartyLegalEntity")
    w.basic(legal, "RegistrationName", party.name)
    w.basic(legal, "CompanyID", party.organisation_number, schemeID=ORGANISATION_SCHEME)
    if party.email:
        w.basic(w.group(holder, "Contact"), "ElectronicMail", party.email)


def _tax_category(w: _Writer, parent, name: str, percent: Decimal) -> None:
    category = w.group(parent, name)
    w.basic(category, "ID", "S")  # standard rate
    w.basic(category, "Percent", _percent(percent))
    w.basic(w.group(category, "TaxScheme"), "ID", "VAT")


def _line(w: _Writer, document: Document, number: int, line: Line) -> None:
    credit = document.credit_note
    element = w.group(w.root, "CreditNoteLine" if credit else "InvoiceLine")
    w.basic(element, "ID", number)
    w.basic(
        element,
        "CreditedQuantity" if credit else "InvoicedQuantity",
        line.quantity,
        unitCode=UNIT,
    )
    w.amount(element, "LineExtensionAmount", line.net_ore)
    if line.period:
        period = w.group(element, "InvoicePeriod")
        w.basic(period, "StartDate", line.period[0].isoformat())
        w.basic(period, "EndDate", line.period[1].isoformat())
    item = w.group(element, "Item")
    w.basic(item, "Name", line.description)
    _tax_category(w, item, "ClassifiedTaxCategory", line.percent)
    price = w.group(element, "Price")
    unit_price = Decimal(line.net_ore) / 100 / line.quantity
    w.basic(
        price,
        "PriceAmount",
        format(unit_price.quantize(Decimal("0.0001")).normalize(), "f"),
        currencyID=CURRENCY,
    )


def ubl_xml(document: Document) -> bytes:
    """The document as UBL 2.1 (Peppol BIS Billing 3.0), UTF-8."""
    credit = document.credit_note
    kind = f"{{{CREDIT_NOTE_NS}}}CreditNote" if credit else f"{{{INVOICE_NS}}}Invoice"
    root = ET.Element(
        kind,
        nsmap={None: CREDIT_NOTE_NS if credit else INVOICE_NS, "cac": CAC, "cbc": CBC},
    )
    w = _Writer(root)
    w.basic(root, "CustomizationID", CUSTOMIZATION)
    w.basic(root, "ProfileID", PROFILE)
    w.basic(root, "ID", document.number)
    w.basic(root, "IssueDate", document.issued_on.isoformat())
    if document.due_on and not credit:  # a credit note has no due date in UBL
        w.basic(root, "DueDate", document.due_on.isoformat())
    w.basic(
        root,
        "CreditNoteTypeCode" if credit else "InvoiceTypeCode",
        CREDIT_NOTE_TYPE if credit else INVOICE_TYPE,
    )
    for note in document.notes:
        w.basic(root, "Note", note)
    w.basic(root, "DocumentCurrencyCode", CURRENCY)
    if document.buyer_reference:
        w.basic(root, "BuyerReference", document.buyer_reference)
    if document.order_number:
        w.basic(w.group(root, "OrderReference"), "ID", document.order_number)
    if document.invoice_number:
        reference = w.group(
            w.group(root, "BillingReference"), "InvoiceDocumentReference"
        )
        w.basic(reference, "ID", document.invoice_number)
    _party(w, root, document.seller, seller=True)
    _party(w, root, document.buyer, seller=False)
    if not credit:
        means = w.group(root, "PaymentMeans")
        w.basic(means, "PaymentMeansCode", BANKGIRO_MEANS, name="Bankgiro")
        w.basic(means, "PaymentID", document.number)
        account = w.group(means, "PayeeFinancialAccount")
        w.basic(account, "ID", document.bankgiro)
        w.basic(w.group(account, "FinancialInstitutionBranch"), "ID", BANKGIRO_BRANCH)
        if document.due_on:
            days = (document.due_on - document.issued_on).days
            w.basic(w.group(root, "PaymentTerms"), "Note", f"{days} dagar netto")
    tax_total = w.group(root, "TaxTotal")
    w.amount(tax_total, "TaxAmount", document.tax_ore)
    for group in document.vat:
        subtotal = w.group(tax_total, "TaxSubtotal")
        w.amount(subtotal, "TaxableAmount", group.taxable_ore)
        w.amount(subtotal, "TaxAmount", group.tax_ore)
        _tax_category(w, subtotal, "TaxCategory", group.percent)
    totals = w.group(root, "LegalMonetaryTotal")
    w.amount(totals, "LineExtensionAmount", document.net_ore)
    w.amount(totals, "TaxExclusiveAmount", document.net_ore)
    w.amount(totals, "TaxInclusiveAmount", document.total_ore)
    if document.prepaid_ore:
        w.amount(totals, "PrepaidAmount", document.prepaid_ore)
    w.amount(totals, "PayableAmount", document.payable_ore)
    for number, line in enumerate(document.lines, start=1):
        _line(w, document, number, line)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
