"""Statements of account: every charge and credit to a date, the balance, PDF and e-mail draft."""

from __future__ import annotations

import email
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.domain.billing.statement import EntryKind
from ptf_desktop.domain.errors import UserError
from ptf_desktop.services.billing.credit_note_service import CreditNoteService
from ptf_desktop.services.billing.credit_service import CreditService
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.billing.payment_service import PaymentService
from ptf_desktop.services.billing.statement_service import StatementService

from conftest import read_tricky_names
from helpers import pdf_checks
from helpers.billing import add_organization, membership_spec, usd

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

TODAY = date(2027, 3, 1)
TRICKY = read_tricky_names()


def _member_with_history(context: Any, name: str = "Acme Robotics GmbH") -> Any:
    """Two invoices, a payment, a reversed payment, a credit note, an overpayment, a refund."""
    org = add_organization(context, name)
    context.organizations.add_contact(
        org, {"name": "Jane Müller", "email": "ap@acme.example", "roles": ["billing"]}
    )
    invoices = InvoiceService(context.factories, today=lambda: TODAY)
    payments = PaymentService(context.factories, today=lambda: date(2027, 1, 20))
    first = invoices.issue(invoices.create_draft(membership_spec(org, "1000")), date(2027, 1, 4))
    second = invoices.issue(invoices.create_draft(membership_spec(org, "500")), date(2027, 1, 10))
    assert first.number and second.number
    payments.record(first.number, "1000", date(2027, 1, 15), reference="WIRE 1")
    wrong = payments.record(second.number, "500", date(2027, 1, 16))
    payments.reverse(payments.list(wrong.id)[0].id, "Bounced")
    CreditNoteService(context.factories, today=lambda: date(2027, 2, 1)).create(
        first.number, "Discount agreed", "200"
    )
    CreditService(context.factories, today=lambda: TODAY).refund(
        org, "150", "USD", date(2027, 2, 10), reference="RF-9"
    )
    return org, first.number, second.number


def test_the_statement_lists_every_entry_with_the_running_balance(context: Any) -> None:
    org, first, second = _member_with_history(context)
    statement = StatementService(context.factories, today=lambda: TODAY).statement(org)
    (account,) = statement.accounts
    assert [(line.kind, line.charge, line.credit, line.balance) for line in account.lines] == [
        (EntryKind.INVOICE, usd("1000"), None, usd("1000")),
        (EntryKind.INVOICE, usd("500"), None, usd("1500")),
        (EntryKind.PAYMENT, None, usd("1000"), usd("500")),
        (EntryKind.PAYMENT, None, usd("500"), usd("0")),
        (EntryKind.PAYMENT_REVERSAL, usd("500"), None, usd("500")),
        (EntryKind.CREDIT_NOTE, None, usd("200"), usd("300")),
        (EntryKind.REFUND, usd("150"), None, usd("450")),
    ]
    # 500 still open on the second invoice; the first's 200 credit, less 150 refunded,
    # is 50 to the member's credit: 450 net.
    assert [(i.number, i.open) for i in account.open_invoices] == [(second, usd("500"))]
    assert account.balance == usd("450")
    assert statement.member.contact_name == "Jane Müller"


def test_a_statement_on_an_earlier_date_shows_only_what_had_happened(context: Any) -> None:
    org, first, _ = _member_with_history(context)
    statement = StatementService(context.factories).statement(org, date(2027, 1, 12))
    (account,) = statement.accounts
    assert account.balance == usd("1500")
    assert [i.number for i in account.open_invoices][0] == first


@pytest.mark.parametrize("name", TRICKY[:12])
def test_the_statement_pdf_shows_the_member_entries_and_balance(
    context: Any, tmp_path: Path, name: str
) -> None:
    org, first, second = _member_with_history(context, name)
    content = StatementService(context.factories, today=lambda: TODAY).pdf(org)
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(content)
    pdf_checks.check_document(
        pdf,
        expected_text=[
            name,
            "STATEMENT OF ACCOUNT",
            "2027-03-01",
            first,
            second,
            "Payment reversed",
            "Bounced",
            "Refund paid",
            "RF-9",
            "USD 450.00 owed",
            "Open invoices",
            "Attn: Jane Müller",
            "Germany",
        ],
        one_line=["USD 450.00 owed", first],
        title="Statement of account 2027-03-01",
        author="PyTorch Foundation",
        subject=f"Statement of account 2027-03-01 of {' '.join(name.split())}",
        pdfa=False,
    )


def test_the_email_draft_goes_to_the_billing_contact_with_the_pdf(context: Any) -> None:
    org, _, _ = _member_with_history(context, "AT&T <Holding>")
    draft = StatementService(context.factories, today=lambda: TODAY).email_draft(org)
    message = email.message_from_bytes(draft)
    assert message["X-Unsent"] == "1"
    assert "ap@acme.example" in message["To"]
    assert "USD 450.00 owed" in message.get_payload()[0].get_payload(decode=True).decode()
    attachment = message.get_payload()[1]
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "Statement 2027-03-01 AT&T _Holding.pdf"


def test_no_email_draft_without_a_billing_address(context: Any) -> None:
    org = add_organization(context, "Nobody Ltd")
    with pytest.raises(UserError, match="no billing contact with an e-mail"):
        StatementService(context.factories).email_draft(org)


@pytest.mark.sqlite_only  # the command line opens a file
def test_ptf_statements_create_writes_the_pdf(
    context: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _member_with_history(context, "Acme Robotics GmbH")
    out = tmp_path / "statement.pdf"
    database = str(context.path)
    context.close()
    code = main(["--database", database, "statements", "create", "acme robotics gmbh",
                 "--as-of", "2027-03-01", "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "USD 450.00 owed" in text
    assert main(["--database", database, "statements", "create", "Nobody", "--out",
                 str(out)]) == 1  # fmt: skip
    assert capsys.readouterr().err.strip() == "ptf: error: There is no organization named 'Nobody'."


def test_the_reprint_stays_byte_identical_while_the_statement_tells_the_balance(
    context: Any,
) -> None:
    from ptf_desktop.services.billing.pdf_renderer import ReportLabRenderer

    from helpers.billing import configure_seller

    configure_seller(context)
    org = add_organization(context, "Acme Robotics GmbH")
    invoices = InvoiceService(context.factories, ReportLabRenderer(), today=lambda: TODAY)
    issued = invoices.issue(invoices.create_draft(membership_spec(org, "1000")), date(2027, 1, 4))
    assert issued.number is not None
    before = invoices.pdf(issued.id)
    PaymentService(context.factories).record(issued.number, "600", date(2027, 1, 20))
    assert invoices.pdf(issued.id) == before
    statement = StatementService(context.factories, today=lambda: TODAY).statement(org)
    assert statement.accounts[0].balance == usd("400")
