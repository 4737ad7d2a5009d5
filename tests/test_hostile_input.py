"""Input no person should be able to crash the app with: long names, odd amounts and dates.

Every name a person can store prints on every document; longer ones are refused where
they come in (the editor, the importer, the service). Amounts are read exactly or
refused ("1,25" is never 125.00); dates far in the future, huge amounts and a closed
pipe end a command with one line, never a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from ptf_desktop.cli.main import main
from ptf_desktop.domain.amounts import POINT_FORMAT, AmountError, NumberFormat, parse_amount
from ptf_desktop.domain.errors import UserError, ValidationError
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.persistence.models import MembershipTerm
from ptf_desktop.persistence.models.billing import Invoice
from ptf_desktop.services.billing.quote_lines import free_line
from ptf_desktop.services.billing.quote_service import QuoteSpec
from ptf_desktop.services.context import open_context

from helpers.billing import add_organization, configure_seller, membership_spec
from helpers.certificates import configure_signatory
from helpers.organization_csv import row, row_counts, write_csv

REPOSITORY = Path(__file__).resolve().parents[1]
# The longest names a person can store, in the widest letters and without a space to
# break at: the worst a page has to hold.
LONGEST_DISPLAY_NAME = "W" * 300
LONGEST_LEGAL_NAME = "Ｗ" * 500


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
def billing(database_path: Path) -> Iterator[Any]:
    context: Any = open_context(database_path)
    configure_seller(context)
    configure_signatory(context)
    yield context
    context.close()


# -- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "length", "message"),
    [
        ("display_name", 301, "The name is 301 characters long; at most 300 fit."),
        ("legal_name", 2_500, "The legal name is 2,500 characters long; at most 500 fit."),
        ("city", 101, "City is 101 characters long; at most 100 fit."),
    ],
)
def test_the_service_refuses_a_name_longer_than_its_column(
    billing: Any, field: str, length: int, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        add_organization(billing, **{"name" if field == "display_name" else field: "N" * length})
    assert refused.value.field_errors == {field: message}


def test_the_importer_refuses_a_name_longer_than_its_column(
    capsys: pytest.CaptureFixture[str], database_path: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "long.csv", [row(), row(legal_name="L" * 2_500)])
    ptf(capsys, database_path, "db", "upgrade")
    before = row_counts(database_path)
    status, out, err = ptf(capsys, database_path, "organizations", "import", str(path))
    assert status == 1
    assert "line 3, legal_name: The legal name is 2,500 characters long; at most 500 fit." in out
    assert err == f"ptf: error: {path} has 1 problem; nothing was imported.\n"
    assert row_counts(database_path) == before


def test_every_document_prints_the_longest_names(billing: Any, tmp_path: Path) -> None:
    organization = add_organization(
        billing, LONGEST_DISPLAY_NAME, legal_name=LONGEST_LEGAL_NAME,
        address_line1="A" * 200, address_line2="B" * 200, city="C" * 100, region="R" * 100,
        postal_code="9" * 30,
    )  # fmt: skip
    billing.memberships.admit(organization, Tier.GENERAL, date(2027, 1, 1))
    with billing.factories.read.begin() as session:
        term = session.scalars(select(MembershipTerm.id)).one()
    invoice = billing.invoices.issue(
        billing.invoices.create_draft(membership_spec(organization)), date(2027, 1, 10)
    )
    assert invoice.organization == LONGEST_LEGAL_NAME
    credit = billing.credit_notes.create(invoice.number, "R" * 300, "10.00", date(2027, 1, 11))
    assert billing.credit_notes.pdf(credit.number).startswith(b"%PDF")
    assert billing.certificates.issue(term, on=date(2027, 1, 15)).number
    line = free_line("W" * 500, Decimal(1), Money(Decimal("1500"), "USD"), Decimal(0))
    quote = billing.quotes.create_draft(QuoteSpec(organization, "USD", date(2027, 2, 28), (line,)))
    assert billing.quotes.pdf(quote).startswith(b"%PDF")
    letters = billing.letters.welcome(organization, on=date(2027, 1, 15)).save(tmp_path)
    letters += billing.letters.renewal_reminder(organization, on=date(2027, 11, 1)).save(tmp_path)
    assert len(letters) >= 2 and all(path.stat().st_size > 0 for path in letters)
    for definition in billing.reports.definitions():
        path = tmp_path / f"{definition.name}.pdf"
        billing.reports.export(definition.name, path, 2027 if definition.takes_year else None)
        assert path.read_bytes().startswith(b"%PDF")


def test_one_draft_that_cannot_be_issued_does_not_stop_the_others(
    capsys: pytest.CaptureFixture[str], billing: Any, database_path: Path
) -> None:
    """A stored name too long to print, and a draft whose PDF fails: each reported once.

    Every other draft is issued, on every run (names were not bounded before).
    """
    names = ["First Ltd", "Too Long Inc", "Broken PDF AG", "Last SA"]
    ids = [
        billing.invoices.create_draft(membership_spec(add_organization(billing, n))) for n in names
    ]
    with billing.factories.write.begin() as session:
        session.execute(
            update(Invoice).where(Invoice.id == ids[1]).values(bill_to_name="X" * 2_500)
        )
    renderer = type(billing.pdf_renderer)
    original = renderer.render

    def render(self: Any, document: Any) -> Any:
        if document.buyer.legal_name == "Broken PDF AG":
            raise RuntimeError("the layout failed")
        return original(self, document)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(renderer, "render", render)
        status, out, err = ptf(capsys, database_path, "invoices", "issue", "--all-drafts")
    assert status == 1
    assert "Issued 2 invoice(s); 2 draft(s) refused." in out
    assert "First Ltd" in out and "Last SA" in out
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("ptf: error: draft for ") for line in lines)
    assert "shorten it to at most 500 before issuing" in lines[0]
    assert "Broken PDF AG not issued: an unexpected problem (details in the log file)" in lines[1]
    assert "Traceback" not in out + err


def test_drafts_another_process_issued_meanwhile_are_one_line(billing: Any) -> None:
    """Two processes issuing at once: the one that lost the race says so once."""
    organization = add_organization(billing)
    ids = [billing.invoices.create_draft(membership_spec(organization)) for _ in range(3)]
    service = billing.invoices
    drafts = service.list("draft")
    for draft_id in ids[:2]:  # the other process is faster for two of them
        service.issue(draft_id, date(2027, 1, 4))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(type(service), "list", lambda self, status=None: drafts)
        report = service.issue_all_drafts(date(2027, 1, 4))
    assert [summary.id for summary in report.issued_elsewhere] == ids[:2]
    assert len(report.issued) == 1 and report.refused == ()


# -- amounts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("1250", POINT_FORMAT, Decimal("1250")),
        ("1,250.00", POINT_FORMAT, Decimal("1250.00")),
        ("1,250,000", POINT_FORMAT, Decimal("1250000")),
        ("1 250.5", POINT_FORMAT, Decimal("1250.5")),
        ("-3.5", POINT_FORMAT, Decimal("-3.5")),
        ("2,50", NumberFormat(",", "."), Decimal("2.50")),
        ("1.250,00", NumberFormat(",", "."), Decimal("1250.00")),
        ("1\u202f250,00", NumberFormat(",", "\u202f"), Decimal("1250.00")),
    ],
)
def test_amounts_are_read_exactly(text: str, fmt: NumberFormat, expected: Decimal) -> None:
    assert parse_amount(text, fmt=fmt) == expected
    assert str(parse_amount(text, fmt=fmt)) == str(expected)


@pytest.mark.parametrize(
    ("text", "fmt", "says"),
    [
        ("1,25", POINT_FORMAT, "'1,25' is not clear"),
        ("1.250,00", POINT_FORMAT, "'1.250,00' is not clear"),
        ("2,50", POINT_FORMAT, "'2,50' is not clear"),
        ("1,250", POINT_FORMAT, "'1,250' is not clear"),
        ("1.250", NumberFormat(",", "."), "'1.250' is not clear"),
        ("12,34,567.00", POINT_FORMAT, "is not clear"),
        ("1e309", POINT_FORMAT, "must be a number, not '1e309'"),
        ("NaN", POINT_FORMAT, "must be a number"),
        ("٣", POINT_FORMAT, "must be a number"),
        ("9" * 29, POINT_FORMAT, "is too large"),
        ("", POINT_FORMAT, "is required"),
    ],
)
def test_unclear_amounts_are_refused_never_guessed(text: str, fmt: NumberFormat, says: str) -> None:
    with pytest.raises(AmountError, match=says.replace(".", r"\.").replace("(", r"\(")):
        parse_amount(text, fmt=fmt)


@pytest.fixture
def issued(billing: Any, database_path: Path) -> Path:
    billing.invoices.issue(
        billing.invoices.create_draft(membership_spec(add_organization(billing))),
        date(2027, 1, 4),
    )
    return database_path


@pytest.mark.parametrize("amount", ["1,25", "1.250,00", "2,50", "1e309", "9" * 29, "1" * 40])
@pytest.mark.parametrize("command", ["payments", "credit-notes"])
def test_the_command_line_refuses_unclear_or_huge_amounts(
    capsys: pytest.CaptureFixture[str], issued: Path, command: str, amount: str
) -> None:
    if command == "payments":
        arguments = ["payments", "record", "INV-2027-0001", "--date", "2027-01-20"]
    else:
        arguments = ["credit-notes", "create", "INV-2027-0001", "--reason", "Wrong band",
                     "--date", "2027-01-20"]  # fmt: skip
    status, out, err = ptf(capsys, issued, *arguments, "--amount", amount)
    assert (status, out) == (1, "")
    assert err.startswith("ptf: error: The amount ") and err.count("\n") == 1, err
    status, out, _ = ptf(capsys, issued, "invoices", "list", "--json")
    assert '"paid": "0.00"' in out and '"credited": "0.00"' in out


def test_the_fee_editor_refuses_an_ambiguous_amount() -> None:
    from ptf_desktop.ui.pages.fee_schedule_models import parse_amount as fee_amount

    assert fee_amount("25,000.00") == Decimal("25000.00")
    assert fee_amount("25,00") is None and fee_amount("1e309") is None


# -- dates and pipes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        ("fees", "price", "--tier", "general", "--start", "9999-12-31"),
        ("renewals", "due", "--today", "9999-12-31"),
        ("renewals", "transitions", "--today", "9999-12-31", "--dry-run"),
        ("invoices", "issue", "--all-drafts", "--date", "9999-12-31"),
    ],
)
def test_dates_out_of_range_are_one_line(
    capsys: pytest.CaptureFixture[str],
    billing: Any,
    database_path: Path,
    arguments: tuple[str, ...],
) -> None:
    status, out, err = ptf(capsys, database_path, *arguments)
    assert status == 2 and out == ""
    assert err.startswith("ptf: error: argument ") and err.count("\n") == 1
    assert "9999-12-31 is out of range: dates go from 1900-01-01 to 2999-12-31" in err
    assert "Traceback" not in err


def test_a_list_piped_into_head_ends_quietly(billing: Any, database_path: Path) -> None:
    for index in range(150):
        add_organization(billing, f"Organization {index:03d} " + "x" * 60)
    command = (
        f"{sys.executable} -m ptf_desktop.cli.main --database {database_path} "
        "organizations list | head -1"
    )
    finished = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=120,
        cwd=REPOSITORY, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPOSITORY),
                             "HOME": str(database_path.parent)},
    )  # fmt: skip
    assert finished.stdout.startswith("Name")
    assert finished.stderr == ""
    assert finished.returncode in (0, 141)


def test_a_bug_is_one_line_naming_the_log_where_its_traceback_is(
    capsys: pytest.CaptureFixture[str], billing: Any, database_path: Path
) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise ZeroDivisionError("a bug")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ptf_desktop.cli.arguments.open_context", broken)
        status, out, err = ptf(capsys, database_path, "renewals", "due")
    assert (status, out) == (1, "")
    assert err.startswith("ptf: error: an unexpected problem (ZeroDivisionError: a bug); ")
    assert err.count("\n") == 1
    log_file = Path(err.rsplit(" in ", 1)[1].strip())
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: a bug" in text and "ptf renewals" in text


def test_user_errors_are_refused_by_the_service_too(billing: Any) -> None:
    invoice = billing.invoices.issue(
        billing.invoices.create_draft(membership_spec(add_organization(billing))),
        date(2027, 1, 4),
    )
    with pytest.raises(UserError, match="is not clear"):
        billing.payments.record(invoice.number, "1,25", date(2027, 1, 5))
