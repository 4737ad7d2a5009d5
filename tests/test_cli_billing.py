"""``ptf invoices|payments|credit-notes|quotes|receivables`` as typed: output, exit, errors."""

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
def drafts(database_path: Path) -> Iterator[Path]:
    """A database with three draft invoices for organizations with awkward names."""
    context: Any = open_context(database_path)
    configure_seller(context)
    for name, amount in (
        ("AT&T <Holding> Inc.", "35000"),
        ("株式会社テスト", "25000"),
        ("CON", "50000"),
    ):
        context.invoices.create_draft(membership_spec(add_organization(context, name), amount))
    context.close()
    yield database_path


def invoices_json(capsys: pytest.CaptureFixture[str], database: Path, *extra: str) -> list[Any]:
    status, out, err = ptf(capsys, database, "invoices", "list", "--json", *extra)
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert isinstance(result, list)
    return result


def test_issue_all_drafts_then_list(capsys: pytest.CaptureFixture[str], drafts: Path) -> None:
    status, out, err = ptf(
        capsys, drafts, "invoices", "issue", "--all-drafts", "--date", "2027-01-04"
    )
    assert (status, err) == (0, "")
    year = "2027"
    assert f"Issued INV-{year}-0001  AT&T <Holding> Inc." in out
    assert out.rstrip().endswith("Issued 3 invoice(s); 0 draft(s) refused.")

    listed = invoices_json(capsys, drafts)
    assert [
        (i["number"], i["organization"], i["status"], i["total"], i["balance"]) for i in listed
    ] == [
        (
            "INV-2027-0001",
            "AT&T <Holding> Inc.",
            "overdue" if date.today() > date(2027, 2, 3) else "issued",
            "35000.00",
            "35000.00",
        ),
        ("INV-2027-0002", "株式会社テスト", listed[1]["status"], "25000.00", "25000.00"),
        ("INV-2027-0003", "CON", listed[2]["status"], "50000.00", "50000.00"),
    ]
    assert (listed[0]["issue_date"], listed[0]["due_date"], listed[0]["currency"]) == (
        "2027-01-04",
        "2027-02-03",
        "USD",
    )

    status, out, err = ptf(capsys, drafts, "invoices", "list")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "Number",
        "Organization",
        "Status",
        "Currency",
        "Total",
        "Balance",
        "Issued",
        "Due",
    ]
    assert "株式会社テスト" in lines[2] and "25,000.00" in lines[2]
    assert lines[-1] == "3 invoice(s)"


def test_payments_and_credit_notes_from_the_command_line(
    capsys: pytest.CaptureFixture[str], drafts: Path
) -> None:
    ptf(capsys, drafts, "invoices", "issue", "--all-drafts", "--date", "2027-01-04")
    status, out, err = ptf(
        capsys, drafts, "payments", "record", "INV-2027-0001", "--amount", "10,000.00",
        "--date", "2027-01-20", "--reference", "WIRE 77",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert out.strip() == (
        "Recorded the payment on INV-2027-0001: "
        f"{'overdue' if date.today() > date(2027, 2, 3) else 'partially paid'}, "
        "balance due USD 25,000.00."
    )
    status, out, err = ptf(
        capsys, drafts, "credit-notes", "create", "INV-2027-0002", "--reason", "Wrong band",
        "--amount", "5000", "--date", "2027-01-21",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert out.strip() == "Credit note CN-2027-0001 for USD 5,000.00 on INV-2027-0002."
    status, out, _ = ptf(
        capsys, drafts, "credit-notes", "create", "INV-2027-0003", "--reason", "Cancelled",
        "--date", "2027-01-21",
    )  # fmt: skip
    assert status == 0 and "CN-2027-0002 for USD 50,000.00" in out
    listed = {i["number"]: i for i in invoices_json(capsys, drafts)}
    assert listed["INV-2027-0003"]["status"] == "credited"
    assert listed["INV-2027-0002"]["balance"] == "20000.00"
    assert [i["number"] for i in invoices_json(capsys, drafts, "--status", "credited")] == [
        "INV-2027-0003"
    ]

    status, out, _ = ptf(capsys, drafts, "receivables", "aging", "--as-of", "2027-03-20", "--json")
    assert status == 0
    aging = {row["organization"]: row for row in json.loads(out)}
    assert aging["AT&T <Holding> Inc."]["31-60"] == "25000.00"
    assert "CON" not in aging


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("payments", "record", "INV-2099-0001", "--amount", "1", "--date", "2027-02-01"),
         "ptf: error: There is no invoice numbered 'INV-2099-0001'."),
        (("payments", "record", "INV-2027-0001", "--amount", "35000.01", "--date", "2027-02-01"),
         "ptf: error: Overpayment refused: USD 35,000.01 is more than the balance due of "
         "USD 35,000.00 on invoice INV-2027-0001."),
        (("payments", "record", "INV-2027-0001", "--amount", "abc", "--date", "2027-02-01"),
         "ptf: error: The amount must be a number, not 'abc' (e.g. 1,250.00)."),
        (("credit-notes", "create", "INV-2027-0001", "--reason", " ", "--amount", "1",
          "--date", "2027-02-01"),
         "ptf: error: A credit note needs a reason."),
        (("credit-notes", "create", "INV-2027-0001", "--reason", "x", "--amount", "40000",
          "--date", "2027-02-01"),
         "ptf: error: A credit note of USD 40,000.00 is more than the uncredited total of "
         "USD 35,000.00 on invoice INV-2027-0001."),
        (("credit-notes", "create", "NOPE", "--reason", "x"),
         "ptf: error: There is no invoice numbered 'NOPE'."),
        (("invoices", "list", "--status", "unpaid"),
         "ptf: error: Unknown status 'unpaid'; use one of: draft, issued, partially-paid, "
         "paid, overdue, credited, open."),
    ],
)  # fmt: skip
def test_bad_input_gets_one_line_and_exit_1_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], drafts: Path, arguments: tuple[str, ...], message: str
) -> None:
    ptf(capsys, drafts, "invoices", "issue", "--all-drafts", "--date", "2027-01-04")
    before = invoices_json(capsys, drafts)
    status, out, err = ptf(capsys, drafts, *arguments)
    assert (status, out, err) == (1, "", message + "\n")
    assert invoices_json(capsys, drafts) == before


def test_export_prints_the_path_of_each_pdf_written(
    capsys: pytest.CaptureFixture[str], drafts: Path, tmp_path: Path
) -> None:
    ptf(capsys, drafts, "invoices", "issue", "--all-drafts", "--date", "2027-01-04")
    folder = tmp_path / "pdf"
    status, out, err = ptf(capsys, drafts, "invoices", "export", "--out", str(folder))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        str(folder / "INV-2027-0001 AT&T _Holding_ Inc.pdf"),
        str(folder / "INV-2027-0002 株式会社テスト.pdf"),
        str(folder / "INV-2027-0003 CON.pdf"),
    ]
    assert all(Path(line).read_bytes().startswith(b"%PDF-") for line in out.splitlines())
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        Path(x).name for x in out.split("\n") if x
    )


def test_reprint_writes_the_stored_bytes(
    capsys: pytest.CaptureFixture[str], drafts: Path, tmp_path: Path
) -> None:
    ptf(capsys, drafts, "invoices", "issue", "--all-drafts", "--date", "2027-01-04")
    ptf(capsys, drafts, "invoices", "export", "--out", str(tmp_path / "pdf"))
    target = tmp_path / "again.pdf"
    status, out, err = ptf(
        capsys, drafts, "invoices", "reprint", "inv-2027-0002", "--out", str(target)
    )
    assert (status, out, err) == (0, f"{target}\n", "")
    assert (
        target.read_bytes() == (tmp_path / "pdf" / "INV-2027-0002 株式会社テスト.pdf").read_bytes()
    )
    status, out, err = ptf(
        capsys, drafts, "invoices", "reprint", "INV-2027-0009", "--out", str(target)
    )
    assert (status, err) == (1, "ptf: error: There is no invoice numbered 'INV-2027-0009'.\n")


def test_export_says_which_invoices_have_no_pdf(
    capsys: pytest.CaptureFixture[str], drafts: Path, tmp_path: Path
) -> None:
    from ptf_desktop.services.billing.invoice_service import InvoiceService

    context: Any = open_context(drafts)
    InvoiceService(context.factories).issue_all_drafts(date(2027, 1, 4))  # no renderer
    context.close()
    status, out, err = ptf(capsys, drafts, "invoices", "export", "--out", str(tmp_path / "pdf"))
    assert status == 1 and out == ""
    assert err.splitlines()[0] == "ptf: error: invoice INV-2027-0001 has no stored PDF to export"
    assert list((tmp_path / "pdf").iterdir()) == []


def test_quotes_from_the_command_line(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    from decimal import Decimal

    from ptf_desktop.services.billing.quote_lines import free_line
    from ptf_desktop.services.billing.quote_service import QuoteSpec

    from helpers.billing import usd

    context: Any = open_context(database_path)
    organization_id = add_organization(context, "Prospect & Co")
    line = free_line("Event sponsorship", Decimal(1), usd("10000"), Decimal(10))
    quote_id = context.quotes.create_draft(
        QuoteSpec(organization_id, "USD", date(2099, 1, 31), (line,))
    )
    context.close()

    status, out, _ = ptf(capsys, database_path, "quotes", "send", str(quote_id))
    year = date.today().year
    assert (status, out.strip()) == (0, f"Sent quote Q-{year}-0001 to Prospect & Co.")
    status, out, _ = ptf(capsys, database_path, "quotes", "accept", f"Q-{year}-0001")
    assert (
        status == 0
        and out.startswith("Accepted; draft invoice ")
        and out.strip().endswith("USD 9,000.00.")
    )
    quotes = json.loads(ptf(capsys, database_path, "quotes", "list", "--json")[1])
    assert [(q["number"], q["status"], q["total"]) for q in quotes] == [
        (f"Q-{year}-0001", "accepted", "9000.00")
    ]
    status, _, err = ptf(capsys, database_path, "quotes", "decline", f"Q-{year}-0001")
    assert (status, err) == (1, "ptf: error: A accepted quote cannot be marked declined.\n")
