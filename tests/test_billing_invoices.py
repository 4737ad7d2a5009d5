"""Invoices: drafts, issuing with gapless numbers, immutability, reprints, lists, export."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ptf_desktop.domain.errors import UserError, ValidationError
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.progress import Progress
from ptf_desktop.persistence.models.billing import DocumentSeries
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.billing.invoice_export import InvoiceExporter
from ptf_desktop.services.billing.invoice_service import InvoiceIssued, InvoiceService
from ptf_desktop.services.billing.rendering import PrintableDocument

from helpers.billing import add_organization, membership_spec, usd

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

ISSUED_ON = date(2027, 1, 4)


class SnapshotRenderer:
    """A stand-in renderer: bytes that depend on every field of the snapshot."""

    def __init__(self) -> None:
        self.rendered: list[PrintableDocument] = []

    def render(self, document: PrintableDocument) -> bytes:
        self.rendered.append(document)
        return b"%PDF-1.7\n" + repr(document).encode()

    def warm_up(self) -> None:
        pass


@pytest.fixture
def renderer() -> SnapshotRenderer:
    return SnapshotRenderer()


@pytest.fixture
def invoices(context: Any, renderer: SnapshotRenderer) -> InvoiceService:
    return InvoiceService(context.factories, renderer, today=lambda: date(2027, 1, 10))


def test_issuing_takes_the_next_number_fixes_the_dates_and_stores_the_pdf(
    context: Any, invoices: InvoiceService, renderer: SnapshotRenderer
) -> None:
    organization_id = add_organization(context)
    first = invoices.create_draft(membership_spec(organization_id))
    second = invoices.create_draft(membership_spec(organization_id, "25000"))

    one = invoices.issue(first, ISSUED_ON)
    two = invoices.issue(second, ISSUED_ON)

    assert (one.number, two.number) == ("INV-2027-0001", "INV-2027-0002")
    assert (one.issue_date, one.due_date) == (ISSUED_ON, date(2027, 2, 3))  # Net 30
    assert one.status == "issued"
    details = invoices.get(first)
    assert details.payment_terms_days == 30
    pdf = invoices.pdf(first)
    assert details.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    snapshot = renderer.rendered[0]
    assert (snapshot.kind, snapshot.number, snapshot.due_date) == (
        "invoice",
        "INV-2027-0001",
        date(2027, 2, 3),
    )
    assert snapshot.total == usd("35000")


def test_a_reprint_returns_the_stored_bytes_even_after_the_settings_change(
    context: Any, invoices: InvoiceService
) -> None:
    invoice_id = invoices.create_draft(membership_spec(add_organization(context)))
    invoices.issue(invoice_id, ISSUED_ON)
    before = invoices.pdf(invoice_id)
    context.settings.save({"legal_name": "Renamed Foundation", "payment_terms_days": 45})

    assert invoices.pdf(invoice_id) == before


def test_the_series_follows_the_prefix_and_year_of_the_settings(
    context: Any, invoices: InvoiceService
) -> None:
    context.settings.save({"invoice_prefix": "inv-l07"})
    organization_id = add_organization(context)
    ids = [invoices.create_draft(membership_spec(organization_id)) for _ in range(3)]
    assert invoices.issue(ids[0], date(2027, 12, 31)).number == "INV-L07-2027-0001"
    assert invoices.issue(ids[1], date(2028, 1, 1)).number == "INV-L07-2028-0001"
    assert invoices.issue(ids[2], date(2028, 1, 2)).number == "INV-L07-2028-0002"


def test_an_issued_invoice_refuses_edits_and_deletion_and_stays_unchanged(
    context: Any, invoices: InvoiceService
) -> None:
    invoice_id = invoices.create_draft(membership_spec(add_organization(context)))
    invoices.issue(invoice_id, ISSUED_ON)
    before = invoices.get(invoice_id)

    with pytest.raises(InvoiceIssued, match="INV-2027-0001 is issued and cannot be changed"):
        invoices.update_draft(invoice_id, {"bill_to_name": "Someone else"})
    with pytest.raises(InvoiceIssued):
        invoices.delete_draft(invoice_id)
    with pytest.raises(InvoiceIssued):
        invoices.issue(invoice_id, ISSUED_ON)

    assert invoices.get(invoice_id) == before


def test_a_draft_is_editable_and_a_refused_edit_changes_nothing(
    context: Any, invoices: InvoiceService
) -> None:
    invoice_id = invoices.create_draft(membership_spec(add_organization(context)))
    lines = (
        DraftLineSpec("Membership", Decimal(1), Money(Decimal("30000"), "EUR")),
        DraftLineSpec("Training", Decimal(2), Money(Decimal("500"), "EUR"), tax_rate=Decimal(19)),
    )
    changed = invoices.update_draft(
        invoice_id,
        {
            "bill_to_name": "Acme Robotics GmbH (Accounts Payable)",
            "buyer_reference": "PO-4711",
            "currency": "EUR",
            "exchange_rate_to_usd": "1.0825",
            "lines": lines,
        },
    )
    assert changed.bill_to.name == "Acme Robotics GmbH (Accounts Payable)"
    assert changed.bill_to.reference == "PO-4711"
    assert changed.exchange_rate_to_usd == Decimal("1.0825")
    assert changed.totals.net == Money(Decimal("31000"), "EUR")
    assert changed.totals.tax == Money(Decimal("190"), "EUR")
    assert changed.summary.total == Money(Decimal("31190"), "EUR")

    with pytest.raises(ValidationError) as error:
        invoices.update_draft(
            invoice_id,
            {"bill_to_name": " ", "bill_to_country": "XX", "exchange_rate_to_usd": "-1"},
        )
    assert set(error.value.field_errors) == {
        "bill_to_name",
        "bill_to_country",
        "exchange_rate_to_usd",
    }
    assert invoices.get(invoice_id) == changed


def test_a_foreign_currency_draft_needs_its_exchange_rate_before_issuing(
    context: Any, invoices: InvoiceService
) -> None:
    line = DraftLineSpec("Membership", Decimal(1), Money(Decimal("100"), "EUR"))
    spec = DraftInvoiceSpec(add_organization(context), "EUR", (line,))
    invoice_id = invoices.create_draft(spec)
    with pytest.raises(UserError, match="enter its exchange rate to USD"):
        invoices.issue(invoice_id, ISSUED_ON)
    assert invoices.get(invoice_id).summary.number is None
    with context.factories.read.begin() as session:
        assert session.scalar(select(func.count()).select_from(DocumentSeries)) == 0


def test_issue_all_drafts_issues_each_and_reports_the_refused(
    context: Any, invoices: InvoiceService
) -> None:
    organization_id = add_organization(context)
    for _ in range(3):
        invoices.create_draft(membership_spec(organization_id))
    line = DraftLineSpec("Membership", Decimal(1), Money(Decimal("100"), "EUR"))
    invoices.create_draft(DraftInvoiceSpec(organization_id, "EUR", (line,)))

    report = invoices.issue_all_drafts(ISSUED_ON)

    assert [s.number for s in report.issued] == [f"INV-2027-000{n}" for n in (1, 2, 3)]
    assert len(report.refused) == 1 and "exchange rate" in report.refused[0][1]
    assert [s.status for s in invoices.list("draft")] == ["draft"]


def test_lists_filter_by_status_with_overdue_derived_from_the_date(
    context: Any, renderer: SnapshotRenderer
) -> None:
    organization_id = add_organization(context)
    early = InvoiceService(context.factories, renderer, today=lambda: date(2027, 1, 10))
    first = early.create_draft(membership_spec(organization_id))
    early.issue(first, ISSUED_ON)
    early.create_draft(membership_spec(organization_id))

    assert [s.status for s in early.list()] == ["issued", "draft"]
    late = InvoiceService(context.factories, renderer, today=lambda: date(2027, 3, 1))
    assert [s.number for s in late.list("overdue")] == ["INV-2027-0001"]
    assert late.list("issued") == []
    assert [s.number for s in early.list("issued")] == ["INV-2027-0001"]
    with pytest.raises(UserError, match="Unknown status 'unpaid'"):
        early.list("unpaid")


def test_export_writes_one_sanitized_pdf_per_issued_invoice(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    names = ["AT&T Inc.", "../../etc/passwd", "CON"]
    for name in names:
        invoices.issue(
            invoices.create_draft(membership_spec(add_organization(context, name))), ISSUED_ON
        )
    invoices.create_draft(membership_spec(add_organization(context, "Draft Only Ltd")))
    folder = tmp_path / "out" / "invoices"

    report = InvoiceExporter(context.factories).export(folder)

    assert [p.name for p in report.written] == [
        "INV-2027-0001 AT&T Inc.pdf",
        "INV-2027-0002 etc_passwd.pdf",
        "INV-2027-0003 CON.pdf",
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in report.written)
    numbers = ("INV-2027-0001", "INV-2027-0002", "INV-2027-0003")
    for path, number in zip(report.written, numbers, strict=True):
        assert path.read_bytes() == invoices.pdf(invoices.find(number).summary.id)


def test_export_can_be_cancelled_between_invoices(
    context: Any, invoices: InvoiceService, tmp_path: Path
) -> None:
    organization_id = add_organization(context)
    for _ in range(3):
        invoices.issue(invoices.create_draft(membership_spec(organization_id)), ISSUED_ON)
    seen: list[tuple[int, int]] = []

    report = InvoiceExporter(context.factories).export(
        tmp_path,
        progress=Progress(lambda done, total: seen.append((done, total)), lambda: len(seen) == 2),
    )

    assert report.cancelled and len(report.written) == 2
    assert seen == [(1, 3), (2, 3)]


def test_every_tricky_name_goes_through_an_invoice_unchanged(
    context: Any, invoices: InvoiceService, tricky_names: list[str], tmp_path: Path
) -> None:
    for name in tricky_names:
        organization_id = add_organization(context, name, country="US", vat_id="")
        invoices.issue(invoices.create_draft(membership_spec(organization_id)), ISSUED_ON)

    listed = invoices.list()
    assert [s.organization for s in listed] == [name.strip() for name in tricky_names]
    report = InvoiceExporter(context.factories).export(tmp_path)
    assert len({p.name for p in report.written}) == len(tricky_names)
    assert all(p.parent == tmp_path and p.is_file() for p in report.written)
