"""Guards in the database itself for issued documents, payments and stored PDFs.

The services already refuse to change an issued invoice, but anything else that writes
the file (the sqlite3 tool, a script, a bug) could change a total, a bill-to name or a
stored PDF, or delete an issued invoice and leave a gap in its series. These triggers
refuse it inside SQLite:

- an issued invoice (one with a number) keeps its number, series, parties, amounts,
  dates, lines and notes; it never goes back to draft, is never deleted (softly or not),
  and its credited amount only grows (its paid amount follows the payments, which a
  reversal entry lowers);
- a credit note is fixed once made, and never deleted; its lines once its PDF is stored;
- a payment is never changed or deleted (a mistake is corrected by a reversal entry);
- a refund is never changed or deleted;
- a stored PDF is never replaced or deleted, and a document's PDF hash is set once.

``ptf db check`` verifies that these triggers exist (persistence/record_checks.py keeps
their names), because a later migration that rebuilds a table drops its triggers.
"""

from __future__ import annotations

from alembic import op

from ptf_desktop.persistence.migrations.tables import (
    ISSUED_INVOICE_COLUMNS,
    LOCAL_WRITE,
    REFUND_COLUMNS,
    any_changed,
)

revision = "0013"
down_revision = "0012"

# The organization among them, after the number and series (as the trigger names them).
_FIXED_INVOICE_COLUMNS = (
    *ISSUED_INVOICE_COLUMNS[:2], "organization_id", *ISSUED_INVOICE_COLUMNS[2:]
)  # fmt: skip
_FIXED_CREDIT_NOTE_COLUMNS = (
    "number", "series", "invoice_id", "issue_date", "reason", "currency", "net_minor",
    "tax_minor", "total_minor",
)  # fmt: skip


_PAYMENT_COLUMNS = (
    "invoice_id", "paid_on", "amount_minor", "currency", "method", "reference", "recorded_by",
    "reverses_payment_id", "reason", "deleted",
)  # fmt: skip
_REFUND_COLUMNS = ("organization_id", *REFUND_COLUMNS)
_PDF_COLUMNS = ("document_kind", "document_id", "sha256", "content", "deleted")
_LINE_COLUMNS = (
    "position", "description", "quantity", "unit_price_minor", "discount_minor", "tax_rate",
    "fee_entry_id", "deleted",
)  # fmt: skip
# A line of an issued invoice may be linked once to the membership term it bills (a
# quote accepted before acceptance admitted members is linked when its term is made):
# the link is not printed, and once made it stays.
_TERM_RELINKED = "(OLD.term_id IS NOT NULL AND NEW.term_id IS NOT OLD.term_id)"


def _refuse(message: str) -> str:
    return f"SELECT RAISE(ABORT, '{message}');"


def _guard(
    name: str, event: str, table: str, message: str, changed: tuple[str, ...] = ()
) -> dict[str, str]:
    """A trigger refusing an UPDATE of the ``changed`` columns, or any DELETE, on a table."""
    condition = f" AND ({any_changed(changed)})" if changed else ""
    return {
        name: f"""
        CREATE TRIGGER {name} BEFORE {event} ON {table}
        WHEN {LOCAL_WRITE}{condition}
        BEGIN {_refuse(message)} END"""
    }


# What makes a document's lines fixed: its number (invoices) or its stored PDF (credit
# notes), the column read, the document's table and the lines' key to it.
_INVOICE_ISSUED = ("number", "invoices", "invoice_id", "an issued invoice")
_CREDIT_NOTE_MADE = ("pdf_sha256", "credit_notes", "credit_note_id", "a credit note")


def _line_guard(
    name: str, event: str, table: str, fixed_by: tuple[str, str, str, str]
) -> dict[str, str]:
    """A trigger refusing an INSERT or DELETE of a line whose document is fixed."""
    column, documents, key, document = fixed_by
    row = "NEW" if event == "INSERT" else "OLD"
    return {
        name: f"""
        CREATE TRIGGER {name} BEFORE {event} ON {table}
        WHEN {LOCAL_WRITE}
          AND (SELECT {column} FROM {documents} WHERE id = {row}.{key}) IS NOT NULL
        BEGIN {_refuse(f"the lines of {document} cannot be changed")} END"""
    }


GUARDS = {
    "guard_issued_invoice_update": f"""
        CREATE TRIGGER guard_issued_invoice_update BEFORE UPDATE ON invoices
        WHEN {LOCAL_WRITE} AND OLD.number IS NOT NULL AND (
            {any_changed(_FIXED_INVOICE_COLUMNS)}
            OR NEW.status = 'draft' OR NEW.deleted IS NOT OLD.deleted
            OR NEW.credited_minor < OLD.credited_minor
            OR (OLD.pdf_sha256 IS NOT NULL AND NEW.pdf_sha256 IS NOT OLD.pdf_sha256))
        BEGIN {_refuse("an issued invoice cannot be changed; correct it with a credit note")}
        END""",
    "guard_issued_invoice_delete": f"""
        CREATE TRIGGER guard_issued_invoice_delete BEFORE DELETE ON invoices
        WHEN {LOCAL_WRITE} AND OLD.number IS NOT NULL
        BEGIN {_refuse("an issued invoice cannot be deleted")} END""",
    **_line_guard("guard_issued_invoice_line_insert", "INSERT", "invoice_lines", _INVOICE_ISSUED),
    "guard_issued_invoice_line_update": f"""
        CREATE TRIGGER guard_issued_invoice_line_update BEFORE UPDATE ON invoice_lines
        WHEN {LOCAL_WRITE} AND (NEW.invoice_id IS NOT OLD.invoice_id
            OR {any_changed(_LINE_COLUMNS)} OR {_TERM_RELINKED})
          AND ((SELECT number FROM invoices WHERE id = OLD.invoice_id) IS NOT NULL
            OR (SELECT number FROM invoices WHERE id = NEW.invoice_id) IS NOT NULL)
        BEGIN {_refuse("the lines of an issued invoice cannot be changed")} END""",
    **_line_guard("guard_issued_invoice_line_delete", "DELETE", "invoice_lines", _INVOICE_ISSUED),
    "guard_credit_note_update": f"""
        CREATE TRIGGER guard_credit_note_update BEFORE UPDATE ON credit_notes
        WHEN {LOCAL_WRITE} AND ({any_changed(_FIXED_CREDIT_NOTE_COLUMNS)}
            OR NEW.deleted IS NOT OLD.deleted
            OR (OLD.pdf_sha256 IS NOT NULL AND NEW.pdf_sha256 IS NOT OLD.pdf_sha256))
        BEGIN {_refuse("a credit note cannot be changed")} END""",
    **_guard(
        "guard_credit_note_delete", "DELETE", "credit_notes", "a credit note cannot be deleted"
    ),
    **_line_guard(
        "guard_credit_note_line_insert", "INSERT", "credit_note_lines", _CREDIT_NOTE_MADE
    ),
    "guard_credit_note_line_update": f"""
        CREATE TRIGGER guard_credit_note_line_update BEFORE UPDATE ON credit_note_lines
        WHEN {LOCAL_WRITE}
          AND (NEW.credit_note_id IS NOT OLD.credit_note_id
            OR {any_changed(_LINE_COLUMNS)} OR {_TERM_RELINKED})
        BEGIN {_refuse("the lines of a credit note cannot be changed")} END""",
    **_guard(
        "guard_credit_note_line_delete",
        "DELETE",
        "credit_note_lines",
        "the lines of a credit note cannot be changed",
    ),
    **_guard(
        "guard_payment_update",
        "UPDATE",
        "payments",
        "a payment cannot be changed; record a correction instead",
        changed=_PAYMENT_COLUMNS,
    ),
    **_guard("guard_payment_delete", "DELETE", "payments", "a payment cannot be deleted"),
    **_guard(
        "guard_refund_update",
        "UPDATE",
        "refunds",
        "a refund cannot be changed",
        changed=_REFUND_COLUMNS,
    ),
    **_guard("guard_refund_delete", "DELETE", "refunds", "a refund cannot be deleted"),
    **_guard(
        "guard_stored_pdf_update",
        "UPDATE",
        "document_pdfs",
        "the stored PDF of an issued document cannot be replaced",
        changed=_PDF_COLUMNS,
    ),
    **_guard(
        "guard_stored_pdf_delete",
        "DELETE",
        "document_pdfs",
        "the stored PDF of an issued document cannot be deleted",
    ),
}


def _on_sqlite() -> bool:
    # The laptops' SQLite files get the guards. The team server on PostgreSQL enforces the
    # same rules in its sync service, for whatever a client sends (ptf_server.rules).
    return bool(op.get_bind().dialect.name == "sqlite")


def upgrade() -> None:
    if _on_sqlite():
        for statement in GUARDS.values():
            op.execute(statement)


def downgrade() -> None:
    if _on_sqlite():
        for name in GUARDS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
