"""``ptf payments list|reverse``, ``ptf credits ...`` and the closed-books refusal, as typed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.services.context import open_context

from helpers.billing import add_organization, configure_seller, membership_spec

NAME = "AT&T <Holding> Inc."


def ptf(
    capsys: pytest.CaptureFixture[str], database: Path, *arguments: str
) -> tuple[int, str, str]:
    try:
        status = main(["--database", str(database), *arguments])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def paid(database_path: Path) -> Iterator[Path]:
    """An invoice of NAME for 1,000 paid in full, and a second one of 300 open."""
    context: Any = open_context(database_path)
    configure_seller(context)
    org = add_organization(context, NAME)
    for amount in ("1000", "300"):
        draft = context.invoices.create_draft(membership_spec(org, amount))
        context.invoices.issue(draft, date(2027, 1, 4))
    context.payments.record("INV-2027-0001", "1000", date(2027, 1, 5), reference="WIRE 1")
    context.close()
    yield database_path


def test_the_register_lists_payments_and_a_payment_is_reversed_by_its_id(
    capsys: pytest.CaptureFixture[str], paid: Path
) -> None:
    status, out, err = ptf(capsys, paid, "payments", "list", "--json")
    assert (status, err) == (0, "")
    (payment,) = json.loads(out)
    assert (payment["invoice"], payment["organization"], payment["amount"]) == (
        "INV-2027-0001", NAME, "1000.00",
    )  # fmt: skip
    assert payment["recorded_by"] and payment["reversed_by"] is None

    status, out, err = ptf(
        capsys, paid, "payments", "reverse", payment["id"][-8:], "--reason", "Wrong invoice"
    )
    assert (status, err) == (0, "")
    assert out.startswith("Reversed: entry ") and "USD -1,000.00 on invoice INV-2027-0001" in out

    status, out, _ = ptf(capsys, paid, "payments", "list", "--invoice", "INV-2027-0001")
    assert "Wrong invoice" in out and "(reversed)" in out and "2 payment(s)" in out
    status, out, err = ptf(capsys, paid, "payments", "reverse", payment["id"][-8:], "--reason", "x")
    assert status == 1 and err.startswith("ptf: error: Payment ") and "already reversed" in err
    status, _, err = ptf(capsys, paid, "payments", "reverse", "zzz", "--reason", "x")
    assert (status, err.count("\n")) == (1, 1) and "is not a payment id" in err


def test_a_credit_note_on_the_paid_invoice_is_shown_refunded_and_applied(
    capsys: pytest.CaptureFixture[str], paid: Path
) -> None:
    assert ptf(capsys, paid, "credit-notes", "create", "INV-2027-0001", "--reason", "Dup",
               "--date", "2027-01-06")[0] == 0  # fmt: skip
    status, out, _ = ptf(capsys, paid, "receivables", "aging", "--as-of", "2027-01-10", "--json")
    (row,) = json.loads(out)
    assert (row["total"], row["credit"]) == ("300.00", "1000.00")
    status, out, _ = ptf(capsys, paid, "credits", "list")
    assert NAME in out and "USD 1,000.00" in out
    status, out, err = ptf(
        capsys, paid, "credits", "apply", "INV-2027-0002", "--date", "2027-01-07"
    )
    assert (status, err) == (0, "")
    assert out.strip() == "Credit applied to INV-2027-0002: paid, balance due USD 0.00."
    status, out, err = ptf(capsys, paid, "credits", "refund", NAME, "--amount", "800",
                           "--date", "2027-01-20", "--reference", "RF-1")  # fmt: skip
    assert err == "ptf: error: USD 800.00 is more than the credit balance of USD 700.00.\n"
    status, out, err = ptf(capsys, paid, "credits", "refund", NAME, "--amount", "700",
                           "--date", "2027-01-20", "--reference", "RF-1")  # fmt: skip
    assert (status, err) == (0, "")
    assert ptf(capsys, paid, "credits", "list")[1].strip() == "No member has a credit balance."


def test_issuing_into_closed_books_is_one_line_error(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    context: Any = open_context(database_path)
    configure_seller(context)
    context.settings.save({"books_closed_through": "2025-12-31"})
    context.invoices.create_draft(membership_spec(add_organization(context, NAME)))
    context.close()
    status, out, err = ptf(
        capsys, database_path, "invoices", "issue", "--all-drafts", "--date", "2025-06-30"
    )
    assert status == 1 and out.strip() == "Issued 0 invoice(s); 1 draft(s) refused."
    assert err == (
        f"ptf: error: draft for {NAME} not issued: The books are closed through 2025-12-31: an "
        "invoice cannot be issued on 2025-06-30. Choose a later date, or change 'Books closed "
        "through' in Settings.\n"
    )
