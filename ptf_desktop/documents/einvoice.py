"""Factur-X / ZUGFeRD EN 16931 XML (UN/CEFACT Cross Industry Invoice) for invoices and credit notes.

The XML repeats what the PDF shows in a form accounts-payable systems read: parties,
lines, tax per rate, totals, payment means. :func:`facturx_xml` builds it from the same
document dataclass the PDF is drawn from, so the two cannot disagree; the tests check
it against the XSD and the EN 16931 schematron shipped with the ``factur-x`` package.

Tax categories (EN 16931 code list UNCL5305): a rate above zero is "S" (standard); a
zero rate is "AE" (reverse charge) when the invoice is reverse-charged, else "E"
(exempt, with the document's tax wording as the reason). EN 16931 needs a seller
identifier (BR-CO-26) and, for these categories, a seller tax registration: the
seller's tax ID (a US EIN or an EU VAT ID) serves as both, so an e-invoice without it
is refused with a message rather than written invalid.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from lxml import etree

from ptf_desktop.documents.model import CreditNoteDocument, InvoiceDocument, Party
from ptf_desktop.domain.billing.tax_settings import DEFAULT_EXEMPTION_REASON
from ptf_desktop.domain.money import Money, minor_unit_digits
from ptf_desktop.domain.tax_ids import vat_identifier

__all__ = ["EN16931_GUIDELINE", "facturx_xml", "tax_category"]

EN16931_GUIDELINE = "urn:cen.eu:en16931:2017"
"""Specification identifier (BT-24) of the Factur-X EN 16931 profile."""

_RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
_RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
_UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
_QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
_NSMAP = {"rsm": _RSM, "ram": _RAM, "udt": _UDT, "qdt": _QDT}

_EU_VAT_PREFIXES = frozenset(
    "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK XI".split()
)

Category = Literal["S", "AE", "E"]


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{_NSMAP[prefix]}}}{name}", attrib)
    if text is not None:
        element.text = text
    return element


def _amount(money: Money) -> str:
    return f"{money.amount:.{minor_unit_digits(money.currency)}f}"


def _decimal(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _date(parent: etree._Element, tag: str, date: dt.date) -> None:
    holder = _el(parent, tag)
    _el(holder, "udt:DateTimeString", date.strftime("%Y%m%d"), format="102")


def _is_vat_id(tax_id: str) -> bool:
    return tax_id[:2].upper() in _EU_VAT_PREFIXES and any(c.isdigit() for c in tax_id)


def tax_category(doc: InvoiceDocument | CreditNoteDocument, rate: Decimal) -> Category:
    """The EN 16931 VAT category code for one tax rate of a document.

    Args:
        doc: The invoice or credit note.
        rate: A tax rate (percent) used on the document.

    Returns:
        "S", "AE" or "E" (see the module docstring).
    """
    if rate > 0:
        return "S"
    if isinstance(doc, InvoiceDocument) and doc.reverse_charge:
        return "AE"
    return "E"


def _party(parent: etree._Element, tag: str, party: Party, *, seller: bool, vat_ids: bool) -> None:
    node = _el(parent, tag)
    _el(node, "ram:Name", " ".join(party.legal_name.split()))
    buyer_vat = None if seller else vat_identifier(party.tax_id, party.country)
    if seller and party.tax_id:
        # BT-30: EN 16931 (BR-CO-26) wants a seller identifier; the tax ID is the one
        # every seller has.
        legal = _el(node, "ram:SpecifiedLegalOrganization")
        _el(legal, "ram:ID", party.tax_id)
    elif party.tax_id and buyer_vat is None:
        # BT-47: a buyer's tax number that is no VAT number (US EIN, Russian INN) is its
        # legal registration identifier. No scheme: ISO 6523 lists none for these, and a
        # wrong one would send a reader's system looking in the wrong register.
        legal = _el(node, "ram:SpecifiedLegalOrganization")
        _el(legal, "ram:ID", party.tax_id.strip())
    if party.email or party.contact_name:
        contact = _el(node, "ram:DefinedTradeContact")
        if party.contact_name:
            _el(contact, "ram:PersonName", party.contact_name)
        if party.email:
            mail = _el(contact, "ram:EmailURIUniversalCommunication")
            _el(mail, "ram:URIID", party.email)
    address = _el(node, "ram:PostalTradeAddress")
    if party.postal_code:
        _el(address, "ram:PostcodeCode", party.postal_code)
    streets = [line for line in party.address_lines if line.strip()]
    for tag_name, line in zip(
        ("ram:LineOne", "ram:LineTwo", "ram:LineThree"), streets, strict=False
    ):
        _el(address, tag_name, line)
    if party.city:
        _el(address, "ram:CityName", party.city)
    _el(address, "ram:CountryID", (party.country or "US").upper())
    if party.region:
        _el(address, "ram:CountrySubDivisionName", party.region)
    if party.email:
        uri = _el(node, "ram:URIUniversalCommunication")
        _el(uri, "ram:URIID", party.email, schemeID="EM")
    if party.tax_id and vat_ids:
        registration = _el(node, "ram:SpecifiedTaxRegistration")
        if seller and _is_vat_id(party.tax_id):
            _el(registration, "ram:ID", party.tax_id.replace(" ", "").upper(), schemeID="VA")
        elif seller:
            _el(registration, "ram:ID", party.tax_id, schemeID="FC")
        elif buyer_vat is not None:
            # BT-48, with its country prefix (a UK number recorded without "GB" gets it).
            _el(registration, "ram:ID", buyer_vat, schemeID="VA")
        else:
            node.remove(registration)


def facturx_xml(doc: InvoiceDocument | CreditNoteDocument) -> bytes:
    """Build the Factur-X EN 16931 CII XML of an invoice or credit note.

    Args:
        doc: The document, as rendered.

    Returns:
        UTF-8 XML with declaration.

    Raises:
        ValueError: If the seller has no tax ID (EN 16931 requires a seller identifier).
    """
    if not doc.seller.tax_id.strip():
        raise ValueError(
            "A Factur-X e-invoice needs the foundation's tax ID (EN 16931 rule BR-CO-26): "
            "enter it in Settings, or turn the Factur-X setting off."
        )
    categories = {summary.rate: tax_category(doc, summary.rate) for summary in doc.tax_summaries}
    vat_ids = True
    reason = doc.tax_note or DEFAULT_EXEMPTION_REASON
    root = etree.Element(f"{{{_RSM}}}CrossIndustryInvoice", nsmap=_NSMAP)
    context = _el(root, "rsm:ExchangedDocumentContext")
    guideline = _el(context, "ram:GuidelineSpecifiedDocumentContextParameter")
    _el(guideline, "ram:ID", EN16931_GUIDELINE)

    header = _el(root, "rsm:ExchangedDocument")
    _el(header, "ram:ID", doc.number)
    _el(header, "ram:TypeCode", "381" if isinstance(doc, CreditNoteDocument) else "380")
    _date(header, "ram:IssueDateTime", doc.issue_date)
    notes = [doc.notes]
    if isinstance(doc, CreditNoteDocument):
        notes.append(f"Reason: {doc.reason}")
    for note in notes:
        if note.strip():
            included = _el(header, "ram:IncludedNote")
            _el(included, "ram:Content", note)

    transaction = _el(root, "rsm:SupplyChainTradeTransaction")
    for number, line in enumerate(doc.lines, start=1):
        item = _el(transaction, "ram:IncludedSupplyChainTradeLineItem")
        _el(_el(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(number))
        _el(_el(item, "ram:SpecifiedTradeProduct"), "ram:Name", line.description)
        agreement = _el(item, "ram:SpecifiedLineTradeAgreement")
        price = _el(agreement, "ram:NetPriceProductTradePrice")
        _el(price, "ram:ChargeAmount", _amount(line.unit_price))
        delivery = _el(item, "ram:SpecifiedLineTradeDelivery")
        _el(delivery, "ram:BilledQuantity", _decimal(line.quantity), unitCode="C62")
        settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:TypeCode", "VAT")
        _el(tax, "ram:CategoryCode", categories[line.tax_rate])
        _el(tax, "ram:RateApplicablePercent", _decimal(line.tax_rate))
        if line.discount.amount:
            allowance = _el(settlement, "ram:SpecifiedTradeAllowanceCharge")
            _el(_el(allowance, "ram:ChargeIndicator"), "udt:Indicator", "false")
            _el(allowance, "ram:ActualAmount", _amount(line.discount))
            _el(allowance, "ram:ReasonCode", "95")
            _el(allowance, "ram:Reason", "Discount")
        summation = _el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
        _el(summation, "ram:LineTotalAmount", _amount(line.amount))

    agreement = _el(transaction, "ram:ApplicableHeaderTradeAgreement")
    if doc.buyer_reference:
        _el(agreement, "ram:BuyerReference", doc.buyer_reference)
    _party(agreement, "ram:SellerTradeParty", doc.seller, seller=True, vat_ids=vat_ids)
    _party(agreement, "ram:BuyerTradeParty", doc.buyer, seller=False, vat_ids=vat_ids)
    if doc.purchase_order:
        order = _el(agreement, "ram:BuyerOrderReferencedDocument")
        _el(order, "ram:IssuerAssignedID", doc.purchase_order)
    # An empty delivery element is allowed by the XSD but flagged by the schematron
    # (PEPPOL-EN16931-R008). The service (a membership term) is supplied from the start
    # of the invoicing period; without one, when the document is issued.
    delivery = _el(transaction, "ram:ApplicableHeaderTradeDelivery")
    event = _el(delivery, "ram:ActualDeliverySupplyChainEvent")
    period = doc.billing_period
    _date(event, "ram:OccurrenceDateTime", period[0] if period else doc.issue_date)

    settlement = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    if isinstance(doc, InvoiceDocument):
        _el(settlement, "ram:PaymentReference", doc.number)
    _el(settlement, "ram:InvoiceCurrencyCode", doc.currency)
    if isinstance(doc, InvoiceDocument):
        _payment_means(settlement, doc)
    for summary in doc.tax_summaries:
        category = categories[summary.rate]
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:CalculatedAmount", _amount(summary.tax))
        _el(tax, "ram:TypeCode", "VAT")
        if category in ("AE", "E"):
            _el(tax, "ram:ExemptionReason", reason)
        _el(tax, "ram:BasisAmount", _amount(summary.base))
        _el(tax, "ram:CategoryCode", category)
        _el(tax, "ram:RateApplicablePercent", _decimal(summary.rate))
    if period is not None:
        # BT-73/74: the membership term billed (e.g. a 2027 term on a December invoice).
        billing = _el(settlement, "ram:BillingSpecifiedPeriod")
        _date(billing, "ram:StartDateTime", period[0])
        _date(billing, "ram:EndDateTime", period[1])
    if isinstance(doc, InvoiceDocument):
        terms = _el(settlement, "ram:SpecifiedTradePaymentTerms")
        if doc.terms:
            _el(terms, "ram:Description", doc.terms)
        _date(terms, "ram:DueDateDateTime", doc.due_date)
    sums = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(sums, "ram:LineTotalAmount", _amount(doc.net_total))
    _el(sums, "ram:TaxBasisTotalAmount", _amount(doc.net_total))
    _el(sums, "ram:TaxTotalAmount", _amount(doc.tax_total), currencyID=doc.currency)
    _el(sums, "ram:GrandTotalAmount", _amount(doc.total))
    due = doc.total
    if isinstance(doc, InvoiceDocument) and doc.amount_paid is not None:
        _el(sums, "ram:TotalPrepaidAmount", _amount(doc.amount_paid))
        due = doc.total - doc.amount_paid
    _el(sums, "ram:DuePayableAmount", _amount(due))
    if isinstance(doc, CreditNoteDocument):
        reference = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(reference, "ram:IssuerAssignedID", doc.corrected_invoice)
        issued = _el(reference, "ram:FormattedIssueDateTime")
        _el(
            issued,
            "qdt:DateTimeString",
            doc.corrected_invoice_date.strftime("%Y%m%d"),
            format="102",
        )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _payment_means(settlement: etree._Element, doc: InvoiceDocument) -> None:
    bank = doc.bank
    means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
    if bank.iban or bank.account_number:
        _el(means, "ram:TypeCode", "30")  # credit transfer
        account = _el(means, "ram:PayeePartyCreditorFinancialAccount")
        if bank.iban:
            _el(account, "ram:IBANID", bank.iban.replace(" ", "").upper())
        else:
            _el(account, "ram:ProprietaryID", bank.account_number)
        if bank.swift_bic:
            institution = _el(means, "ram:PayeeSpecifiedCreditorFinancialInstitution")
            _el(institution, "ram:BICID", bank.swift_bic)
    else:
        _el(means, "ram:TypeCode", "1")  # not defined
