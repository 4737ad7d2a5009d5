"""Invoices a finance office accepts: tax IDs, exemption wording, period, contact, addresses.

Every invoice here is issued through the services with the real renderer, its PDF text
read back and its Factur-X XML checked against the XSD and the EN 16931 schematron, and
the XML compared with what the PDF prints.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from ptf_desktop.documents.addresses import address_lines, country_name
from ptf_desktop.domain.billing.tax_settings import (
    DEFAULT_EXEMPTION_REASON,
    DEFAULT_REVERSE_CHARGE_WORDING,
)
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.billing.credit_note_service import CreditNoteService
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.billing.pdf_renderer import ReportLabRenderer

from helpers import pdf_checks
from helpers.billing import add_organization, configure_seller

RAM = "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}"
UDT = "{urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100}"
ISSUED_ON = date(2026, 12, 7)


@pytest.fixture
def invoices(context: Any) -> InvoiceService:
    configure_seller(context)
    return InvoiceService(context.factories, ReportLabRenderer(), today=lambda: ISSUED_ON)


def _line(
    amount: str, currency: str = "USD", rate: str | None = None, **extra: Any
) -> DraftLineSpec:
    return DraftLineSpec(
        description=extra.pop("description", "General membership, 2027-01-01 to 2027-12-31"),
        quantity=Decimal(1),
        unit_price=Money(Decimal(amount), currency),
        tax_rate=None if rate is None else Decimal(rate),
        **extra,
    )


def _issue(
    invoices: InvoiceService,
    tmp_path: Path,
    organization: Any,
    *lines: DraftLineSpec,
    currency: str = "USD",
) -> tuple[Path, ElementTree.Element, str]:
    spec = DraftInvoiceSpec(
        organization_id=organization,
        currency=currency,
        lines=lines,
        exchange_rate_to_usd=None if currency == "USD" else Decimal("1.08"),
    )
    invoice_id = invoices.create_draft(spec)
    invoices.issue(invoice_id, ISSUED_ON)
    pdf = tmp_path / "invoice.pdf"
    pdf.write_bytes(invoices.pdf(invoice_id))
    root = pdf_checks.check_facturx(pdf)
    text = pdf_checks.normalise(pdf_checks.pdftotext(pdf, layout=True))
    return pdf, root, text


def _buyer(root: ElementTree.Element) -> ElementTree.Element:
    node = root.find(f".//{RAM}BuyerTradeParty")
    assert node is not None
    return node


@pytest.mark.parametrize(
    ("country", "typed", "xml_path", "scheme", "in_xml", "printed"),
    [
        ("US", "46-0825839", "SpecifiedLegalOrganization/ID", None, "46-0825839",
         "Tax ID: 46-0825839"),
        ("RU", "7707083893", "SpecifiedLegalOrganization/ID", None, "7707083893",
         "Tax ID: 7707083893"),
        ("GB", "980780684", "SpecifiedTaxRegistration/ID", "VA", "GB980780684",
         "VAT ID: GB980780684"),
    ],
)  # fmt: skip
def test_buyer_tax_ids_that_are_not_eu_vat_numbers_are_in_the_xml_as_printed(
    context: Any,
    invoices: InvoiceService,
    tmp_path: Path,
    country: str,
    typed: str,
    xml_path: str,
    scheme: str | None,
    in_xml: str,
    printed: str,
) -> None:
    organization = add_organization(context, "Globex Corporation", country=country, vat_id=typed)
    _, root, text = _issue(invoices, tmp_path, organization, _line("1000"))
    element = _buyer(root).find("/".join(f"{RAM}{part}" for part in xml_path.split("/")))
    assert element is not None and element.text == in_xml
    assert element.get("schemeID") == scheme
    assert printed in text


def test_a_mixed_19_and_0_percent_invoice_with_reverse_charge_prints_the_wording(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    context.document_settings.save({"reverse_charge_enabled": "yes"})
    organization = add_organization(context, "Acme Robotics GmbH", vat_id="DE136695976")
    _, root, text = _issue(
        invoices, tmp_path, organization,
        _line("1000", rate="19", description="Event sponsorship"), _line("35000", rate="0"),
    )  # fmt: skip
    taxes = {
        tax.findtext(f"{RAM}CategoryCode"): tax.findtext(f"{RAM}ExemptionReason")
        for tax in root.iter(f"{RAM}ApplicableTradeTax")
        if tax.find(f"{RAM}BasisAmount") is not None
    }
    assert taxes == {"S": None, "AE": DEFAULT_REVERSE_CHARGE_WORDING}
    assert pdf_checks.normalise(f"Lines at 0%: {DEFAULT_REVERSE_CHARGE_WORDING}") in text
    assert "Tax 19% on 1,000.00 USD 190.00" in text


def test_a_0_percent_line_prints_the_reason_the_xml_gives_for_category_e(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    organization = add_organization(context, "Initech LLC", country="US", region="TX",
                                    city="Austin", postal_code="78701")  # fmt: skip
    _, root, text = _issue(invoices, tmp_path, organization, _line("25000", rate="0"))
    tax = next(
        t for t in root.iter(f"{RAM}ApplicableTradeTax") if t.find(f"{RAM}BasisAmount") is not None
    )
    assert (tax.findtext(f"{RAM}CategoryCode"), tax.findtext(f"{RAM}ExemptionReason")) == (
        "E",
        DEFAULT_EXEMPTION_REASON,
    )
    assert DEFAULT_EXEMPTION_REASON in text


def test_the_xml_gives_the_membership_term_as_invoicing_period_and_delivery(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    organization = add_organization(context, "Acme Robotics GmbH")
    context.memberships.admit(organization, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))
    term = context.memberships.add_term(organization, date(2027, 1, 1), date(2027, 12, 31))
    _, root, text = _issue(invoices, tmp_path, organization, _line("35000", term_id=term))
    period = root.find(f".//{RAM}BillingSpecifiedPeriod")
    assert period is not None
    assert [
        period.findtext(f"{RAM}{tag}/{UDT}DateTimeString")
        for tag in ("StartDateTime", "EndDateTime")
    ] == ["20270101", "20271231"]
    delivered = root.find(
        f".//{RAM}ActualDeliverySupplyChainEvent/{RAM}OccurrenceDateTime/{UDT}DateTimeString"
    )
    assert delivered is not None and delivered.text == "20270101"
    assert "PERIOD" in text and "2027-01-01 to 2027-12-31" in text


def test_attn_names_the_billing_contact_and_the_address_is_laid_out_for_germany(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    organization = add_organization(context, "Acme Robotics GmbH", postal_code="10117")
    context.organizations.add_contact(
        organization, {"name": "Jane Müller", "email": "ap@acme.example", "roles": ["billing"]}
    )
    _, root, text = _issue(invoices, tmp_path, organization, _line("35000"))
    assert "Attn: Jane Müller" in text and "Attn: ap@" not in text
    assert "E-mail: ap@acme.example" in text
    assert "10117 Berlin" in text and "Berlin 10117" not in text
    assert "Germany" in text
    assert _buyer(root).findtext(f"{RAM}DefinedTradeContact/{RAM}PersonName") == "Jane Müller"


def test_a_credit_note_says_the_amount_credited_without_a_minus(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    organization = add_organization(context)
    number = invoices.issue(
        invoices.create_draft(
            DraftInvoiceSpec(organization_id=organization, currency="USD", lines=(_line("1000"),))
        ),
        ISSUED_ON,
    ).number
    notes = CreditNoteService(context.factories, ReportLabRenderer(), today=lambda: ISSUED_ON)
    assert number is not None
    note = notes.create(number, "Wrong band", "100")
    pdf = tmp_path / "credit.pdf"
    pdf.write_bytes(notes.pdf(note.number))
    pdf_checks.check_facturx(pdf)
    pdf_checks.check_on_one_line(pdf, ["Amount credited USD 100.00"])
    assert "Amount credited USD -100.00" not in pdf_checks.normalise(pdf_checks.pdftotext(pdf))


def test_wire_paid_invoices_warn_when_iban_or_swift_are_missing(
    context: Any, invoices: InvoiceService
) -> None:
    context.settings.save({"iban": "", "swift_bic": ""})
    abroad = add_organization(context, "Saudi Aramco", country="SA", city="Dhahran", postal_code="")
    draft = invoices.create_draft(DraftInvoiceSpec(
        organization_id=abroad, currency="SAR", lines=(_line("1000", "SAR"),),
        exchange_rate_to_usd=Decimal("0.27")))  # fmt: skip
    (warning,) = invoices.issue_warnings(draft)
    assert "in SAR to a member in Saudi Arabia" in warning
    assert "IBAN and SWIFT/BIC are not in Settings > Bank details" in warning
    home = add_organization(
        context, "Initech LLC", country="US", city="Austin", postal_code="78701"
    )
    assert invoices.issue_warnings(invoices.create_draft(DraftInvoiceSpec(
        organization_id=home, currency="USD", lines=(_line("10"),)))) == ()  # fmt: skip
    context.settings.save({"iban": "DE89 3704 0044 0532 0130 00", "swift_bic": "COBADEFFXXX"})
    assert invoices.issue_warnings(draft) == ()


def test_a_euro_invoice_abroad_shows_the_wire_details_first(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    organization = add_organization(context, "Acme Robotics GmbH")
    pdf, _, text = _issue(invoices, tmp_path, organization, _line("900", "EUR"), currency="EUR")
    assert text.index("IBAN DE89 3704 0044 0532 0130 00") < text.index("ABA routing (US)")
    pdf_checks.check_on_one_line(pdf, ["EUR 900.00", "DE89 3704 0044 0532 0130 00"])


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("DE", ["Hauptstr. 1", "10117 Berlin", "Germany"]),
        ("US", ["Hauptstr. 1", "Berlin, CA 10117", "United States"]),
        ("QA", ["Hauptstr. 1", "Berlin", "Qatar"]),
        ("CH", ["Hauptstr. 1", "CH-10117 Berlin", "Switzerland"]),
        ("GB", ["Hauptstr. 1", "Berlin", "10117", "United Kingdom"]),
    ],
)
def test_addresses_follow_the_country_and_end_with_its_full_name(
    country: str, expected: list[str]
) -> None:
    region = "CA" if country == "US" else ""
    postal = "" if country == "QA" else "10117"
    assert address_lines(("Hauptstr. 1", ""), "Berlin", region, postal, country) == expected
    assert country_name("qa") == "Qatar"


def test_the_xml_agrees_with_the_pdf(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    """Parties, tax IDs, categories and wording, invoicing period and totals: XML = PDF."""
    context.document_settings.save({"reverse_charge_enabled": "yes"})
    organization = add_organization(context, "AT&T <Holding> GmbH", vat_id="DE136695976")
    context.memberships.admit(organization, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))
    term = context.memberships.add_term(organization, date(2027, 1, 1), date(2027, 12, 31))
    _, root, text = _issue(
        invoices, tmp_path, organization,
        _line("1000", "EUR", rate="19", description="Training courses"),
        _line("30000", "EUR", rate="0", term_id=term),
        currency="EUR",
    )  # fmt: skip
    seller = root.find(f".//{RAM}SellerTradeParty")
    assert seller is not None
    for party in (seller, _buyer(root)):
        assert pdf_checks.normalise(party.findtext(f"{RAM}Name") or "") in text
        for tax_id in party.iter(f"{RAM}ID"):
            if tax_id.text and tax_id.get("schemeID") in ("VA", "FC", None):
                assert tax_id.text in text, tax_id.text
    for tax in root.findall(f".//{RAM}ApplicableHeaderTradeSettlement/{RAM}ApplicableTradeTax"):
        rate = Decimal(tax.findtext(f"{RAM}RateApplicablePercent") or "0")
        category = tax.findtext(f"{RAM}CategoryCode")
        if category == "S":
            assert f"Tax {rate.normalize():f}% on" in text
        else:
            assert pdf_checks.normalise(tax.findtext(f"{RAM}ExemptionReason") or "") in text
    period = root.find(f".//{RAM}BillingSpecifiedPeriod")
    assert period is not None
    start = period.findtext(f"{RAM}StartDateTime/{UDT}DateTimeString") or ""
    end = period.findtext(f"{RAM}EndDateTime/{UDT}DateTimeString") or ""
    iso = [f"{d[:4]}-{d[4:6]}-{d[6:]}" for d in (start, end)]
    assert f"{iso[0]} to {iso[1]}" in text
    for name in ("GrandTotalAmount", "TaxTotalAmount", "TaxBasisTotalAmount", "DuePayableAmount"):
        amount = pdf_checks.xml_amount(root, name)
        assert f"EUR {amount:,.2f}" in text, name
    assert root.findtext(f".//{RAM}InvoiceCurrencyCode") == "EUR"


@pytest.mark.parametrize(
    ("country", "city", "postal", "expected", "bare"),
    [
        ("QA", "Doha", "", ["Doha", "Qatar"], "QA"),
        ("CH", "Zürich", "8001", ["CH-8001 Zürich", "Switzerland"], "CH"),
        ("DE", "Berlin", "10117", ["10117 Berlin", "Germany"], "Berlin 10117"),
    ],
)
def test_letters_lay_out_the_address_for_the_country_with_its_full_name(
    context: Any, tmp_path: Path, country: str, city: str, postal: str,
    expected: list[str], bare: str,
) -> None:  # fmt: skip
    from helpers.certificates import ISSUE_DAY, add_member, configure_signatory

    configure_signatory(context)
    organization, _ = add_member(
        context, "Qatar Computing Institute", country=country, city=city, postal_code=postal
    )
    letter = context.letters.welcome(organization, on=ISSUE_DAY)
    pdf = letter.save(tmp_path)[0]
    pdf_checks.check_contains(pdf, expected)
    lines = [pdf_checks.normalise(line) for line in pdf_checks.pdftotext(pdf).splitlines()]
    assert bare not in lines
