"""Issued documents, payments and stored PDFs are guarded by the database itself.

Each guard is tried with raw SQL through the sqlite3 module, as someone with the sqlite3
tool would; ``ptf db check`` reports a changed PDF, a gap in a series and a missing guard.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.persistence import schema
from ptf_desktop.persistence.database_file import SCHEMA_VERSION
from ptf_desktop.persistence.record_checks import GUARD_NAMES
from ptf_desktop.services.context import AppContext

from helpers.billing import add_organization, configure_seller, membership_spec


class Issued:
    """An issued invoice with a stored PDF, a payment and a credit note; a draft beside it."""

    def __init__(self, context: AppContext) -> None:
        configure_seller(context)
        spec = membership_spec(add_organization(context, "Ünïcode Robotics 東京"), "1000")
        invoice_id = context.invoices.create_draft(spec)
        self.number = context.invoices.issue(invoice_id, date(2026, 1, 4)).number
        self.invoice_id = invoice_id.hex
        context.payments.record(self.number, "300", date(2026, 1, 5))
        self.credit_note = context.credit_notes.create(self.number, "Wrong band", "100").number
        draft = context.invoices.create_draft(membership_spec(add_organization(context), "50"))
        self.draft_id = draft.hex


@pytest.fixture
def issued(context: AppContext) -> Issued:
    made = Issued(context)
    context.close()
    return made


@pytest.fixture
def sql(context: AppContext, issued: Issued) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(context.path, isolation_level=None)) as connection:
        yield connection


REFUSED = {
    "an issued invoice's total": "UPDATE invoices SET total_minor = 1 WHERE number = :number",
    "an issued invoice's bill-to name": (
        "UPDATE invoices SET bill_to_name = 'Someone Else' WHERE number = :number"
    ),
    "an issued invoice's organization": (
        "UPDATE invoices SET organization_id = (SELECT organization_id FROM invoices "
        "WHERE id = :draft) WHERE number = :number"
    ),
    "an issued invoice's number": "UPDATE invoices SET number = 'X-1' WHERE number = :number",
    "an issued invoice back to draft": (
        "UPDATE invoices SET status = 'draft' WHERE number = :number"
    ),
    "an issued invoice's credited amount going down": (
        "UPDATE invoices SET credited_minor = -1 WHERE number = :number"
    ),
    "an issued invoice's billing contact": (
        "UPDATE invoices SET bill_to_contact = 'Someone Else' WHERE number = :number"
    ),
    "an issued invoice soft-deleted": "UPDATE invoices SET deleted = 1 WHERE number = :number",
    "an issued invoice deleted": "DELETE FROM invoices WHERE number = :number",
    "an issued invoice's line changed": (
        "UPDATE invoice_lines SET unit_price_minor = 1 WHERE invoice_id = :invoice"
    ),
    "an issued invoice's line deleted": "DELETE FROM invoice_lines WHERE invoice_id = :invoice",
    "a line added to an issued invoice": (
        "INSERT INTO invoice_lines SELECT * FROM invoice_lines WHERE invoice_id = :draft"
    ),
    "a credit note's total": (
        "UPDATE credit_notes SET total_minor = 1 WHERE number = :credit_note"
    ),
    "a credit note deleted": "DELETE FROM credit_notes WHERE number = :credit_note",
    "a credit note's line": "UPDATE credit_note_lines SET description = 'x'",
    "a payment changed": "UPDATE payments SET amount_minor = 1",
    "a payment deleted": "DELETE FROM payments",
    "a stored PDF replaced": "UPDATE document_pdfs SET content = X'25504446'",
    "a stored PDF deleted": "DELETE FROM document_pdfs",
    "an issued invoice's PDF hash": ("UPDATE invoices SET pdf_sha256 = 'x' WHERE number = :number"),
}


def parameters(issued: Issued) -> dict[str, Any]:
    return {
        "number": issued.number,
        "invoice": issued.invoice_id,
        "draft": issued.draft_id,
        "credit_note": issued.credit_note,
    }


@pytest.mark.parametrize("change", REFUSED)
def test_the_database_refuses(sql: sqlite3.Connection, issued: Issued, change: str) -> None:
    statement = REFUSED[change]
    if "INSERT INTO invoice_lines" in statement:  # the draft's line, moved to the issued one
        sql.execute("CREATE TEMP TABLE moved AS SELECT * FROM invoice_lines WHERE invoice_id = ?",
                    (issued.draft_id,))  # fmt: skip
        sql.execute("UPDATE moved SET id = lower(hex(randomblob(16))), invoice_id = ?",
                    (issued.invoice_id,))  # fmt: skip
        statement = "INSERT INTO invoice_lines SELECT * FROM moved"
    before = sql.execute("SELECT total_changes()").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="cannot be"):
        sql.execute(statement, parameters(issued))
    assert sql.execute("SELECT total_changes()").fetchone()[0] == before


def test_a_refund_is_never_changed_or_deleted(sql: sqlite3.Connection, issued: Issued) -> None:
    sql.execute(
        "INSERT INTO refunds (id, row_version, created_at, updated_at, deleted, "
        "organization_id, refunded_on, amount_minor, currency, method, reference, recorded_by) "
        "SELECT lower(hex(randomblob(16))), 1, '2027-05-01 00:00:00', '2027-05-01 00:00:00', 0, "
        "organization_id, '2027-05-02', 100, currency, 'transfer', 'R-1', 'staff' "
        "FROM invoices WHERE number = ?",
        (issued.number,),
    )
    for statement in ("UPDATE refunds SET amount_minor = 1", "DELETE FROM refunds"):
        with pytest.raises(sqlite3.IntegrityError, match="cannot be"):
            sql.execute(statement)


def test_db_check_finds_a_paid_amount_its_payments_do_not_add_up_to(
    capsys: pytest.CaptureFixture[str], context: AppContext, issued: Issued,
    sql: sqlite3.Connection,
) -> None:  # fmt: skip
    sql.execute("UPDATE invoices SET paid_minor = 0 WHERE number = ?", (issued.number,))
    status, out = db_check(capsys, context.path)
    assert status == 1
    assert f"invoice {issued.number} says 0 paid" in out


def test_drafts_and_the_services_work_as_before(sql: sqlite3.Connection, issued: Issued) -> None:
    sql.execute("UPDATE invoices SET bill_to_name = 'Renamed' WHERE id = ?", (issued.draft_id,))
    sql.execute("UPDATE invoice_lines SET description = 'x' WHERE invoice_id = ?",
                (issued.draft_id,))  # fmt: skip
    sql.execute("DELETE FROM invoice_lines WHERE invoice_id = ?", (issued.draft_id,))
    sql.execute("DELETE FROM invoices WHERE id = ?", (issued.draft_id,))
    # Money coming in still moves an issued invoice's paid amount and status.
    sql.execute(
        "UPDATE invoices SET paid_minor = paid_minor + 1, status = 'partially paid' "
        "WHERE number = ?",
        (issued.number,),
    )


def db_check(capsys: pytest.CaptureFixture[str], database: Path) -> tuple[int, str]:
    status = main(["--database", str(database), "db", "check"])
    return status, capsys.readouterr().out


def test_db_check_passes_a_sound_database_with_issued_documents(
    capsys: pytest.CaptureFixture[str], context: AppContext, issued: Issued
) -> None:
    assert db_check(capsys, context.path) == (0, f"{context.path}: integrity check passed.\n")


def without_guards(sql: sqlite3.Connection, *names: str) -> None:
    for name in names:
        sql.execute(f"DROP TRIGGER {name}")


def test_db_check_finds_a_replaced_pdf(
    capsys: pytest.CaptureFixture[str], context: AppContext, issued: Issued,
    sql: sqlite3.Connection,
) -> None:  # fmt: skip
    without_guards(sql, "guard_stored_pdf_update")
    sql.execute(
        "UPDATE document_pdfs SET content = CAST(content || X'00' AS BLOB) WHERE document_id = ?",
        (issued.invoice_id,),
    )
    status, out = db_check(capsys, context.path)
    assert status == 1
    assert f"the stored PDF of invoice {issued.number} does not match its SHA-256" in out
    assert "the guard guard_stored_pdf_update is missing" in out


def test_db_check_finds_a_pdf_swapped_with_its_hash(
    capsys: pytest.CaptureFixture[str], context: AppContext, issued: Issued,
    sql: sqlite3.Connection,
) -> None:  # fmt: skip
    without_guards(sql, "guard_stored_pdf_update")
    other = b"%PDF-1.7 another document"
    sql.execute(
        "UPDATE document_pdfs SET content = ?, sha256 = ? WHERE document_id = ?",
        (other, hashlib.sha256(other).hexdigest(), issued.invoice_id),
    )
    status, out = db_check(capsys, context.path)
    assert status == 1
    assert f"the stored PDF of invoice {issued.number} is not the one it was issued with" in out


def test_db_check_finds_a_gap_left_by_a_deleted_invoice(
    capsys: pytest.CaptureFixture[str], context: AppContext, issued: Issued,
    sql: sqlite3.Connection,
) -> None:  # fmt: skip
    without_guards(sql, "guard_issued_invoice_delete", "guard_issued_invoice_line_delete",
                   "guard_payment_delete", "guard_credit_note_delete",
                   "guard_credit_note_line_delete", "guard_stored_pdf_delete")  # fmt: skip
    for statement in (
        "DELETE FROM document_pdfs",
        "DELETE FROM credit_note_lines",
        "DELETE FROM credit_notes",
        "DELETE FROM payments",
        "DELETE FROM invoice_lines WHERE invoice_id = :invoice",
        "DELETE FROM invoices WHERE number = :number",
    ):
        sql.execute(statement, parameters(issued))
    status, out = db_check(capsys, context.path)
    assert status == 1
    series = issued.number.rsplit("-", 1)[0]
    assert f"series {series} has a gap: {issued.number} missing" in out
    assert f"has a gap: {issued.credit_note} missing" in out


def test_db_check_finds_numbers_past_the_counter(
    capsys: pytest.CaptureFixture[str], context: AppContext, issued: Issued,
    sql: sqlite3.Connection,
) -> None:  # fmt: skip
    series = issued.number.rsplit("-", 1)[0]
    sql.execute("UPDATE document_series SET last_number = 0 WHERE series_key = ?", (series,))
    status, out = db_check(capsys, context.path)
    assert status == 1
    assert f"series {series} has numbers past its counter (0): {issued.number}" in out


def test_migrating_makes_exactly_the_guards_db_check_looks_for(context: AppContext) -> None:
    with closing(sqlite3.connect(context.path)) as connection:
        made = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            if row[0].startswith("guard_")
        }
    assert made == set(GUARD_NAMES)
    assert schema.head_revision() == f"{SCHEMA_VERSION:04d}"
