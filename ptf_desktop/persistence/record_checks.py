"""Checks of the records themselves, beyond SQLite's own: what ``ptf db check`` adds.

SQLite's integrity check proves the file is sound, not that the business records are:
an issued invoice deleted with the sqlite3 tool leaves a sound file with a gap in its
series. These checks read the records through SQLite and report, in words:

- every stored PDF whose bytes no longer match their SHA-256, or whose document names
  another hash;
- every number series with a number missing, or a number past its counter;
- every guard trigger (migration 0010) that is missing.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from .database_file import connect

# The triggers made by migration 0010 (tests check that migrating makes exactly these).
GUARD_NAMES = (
    "guard_issued_invoice_update", "guard_issued_invoice_delete",
    "guard_issued_invoice_line_insert", "guard_issued_invoice_line_update",
    "guard_issued_invoice_line_delete", "guard_credit_note_update", "guard_credit_note_delete",
    "guard_credit_note_line_insert", "guard_credit_note_line_update",
    "guard_credit_note_line_delete", "guard_payment_update", "guard_payment_delete",
    "guard_refund_update", "guard_refund_delete",
    "guard_stored_pdf_update", "guard_stored_pdf_delete",
)  # fmt: skip

# Tables whose rows are numbered in a series and may have a stored PDF.
_NUMBERED = {
    "invoices": "invoice",
    "credit_notes": "credit note",
    "quotes": "quote",
    "certificates": "certificate",
}


def record_problems(path: Path) -> list[str]:
    """Check stored PDFs, number series and guards; return what is wrong (empty: sound)."""
    with connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        problems = _missing_guards(connection)
        if "document_pdfs" in tables:
            problems += _pdf_problems(connection, tables)
        if "document_series" in tables:
            problems += _series_problems(connection, tables)
        if {"invoices", "payments"} <= tables:
            problems += _payment_problems(connection)
    return problems


def _payment_problems(connection: sqlite3.Connection) -> list[str]:
    # The guards let an issued invoice's paid amount go down (a reversal entry does), so
    # the check is that it always equals the sum of its payment entries.
    query = """
        SELECT i.number, i.paid_minor, COALESCE(SUM(p.amount_minor), 0) AS entries
        FROM invoices AS i
        LEFT JOIN payments AS p ON p.invoice_id = i.id AND p.deleted = 0
        WHERE i.number IS NOT NULL
        GROUP BY i.id
        HAVING i.paid_minor != COALESCE(SUM(p.amount_minor), 0)
    """
    return [
        f"invoice {number} says {paid} paid (minor units) but its payments add up to {entries}"
        for number, paid, entries in connection.execute(query)
    ]


def _missing_guards(connection: sqlite3.Connection) -> list[str]:
    query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    present = {row[0] for row in connection.execute(query)}
    return [
        f"the guard {name} is missing: issued documents are not protected"
        for name in GUARD_NAMES
        if name not in present
    ]


def _pdf_problems(connection: sqlite3.Connection, tables: set[str]) -> list[str]:
    problems = []
    stored: dict[str, str] = {}
    rows = connection.execute(
        "SELECT document_kind, document_id, sha256, CAST(content AS BLOB) FROM document_pdfs"
    )
    for kind, document_id, digest, content in rows:
        stored[str(document_id)] = digest
        if hashlib.sha256(content or b"").hexdigest() != digest:
            problems.append(
                f"the stored PDF of {kind} {_name(connection, kind, document_id)} "
                "does not match its SHA-256: it was changed after it was issued"
            )
    for table, kind in _NUMBERED.items():
        if table not in tables:
            continue
        query = f"SELECT id, number, pdf_sha256 FROM {table} WHERE pdf_sha256 IS NOT NULL"
        for document_id, number, digest in connection.execute(query):
            if stored.get(str(document_id)) is None:
                problems.append(f"the stored PDF of {kind} {number} is missing")
            elif stored[str(document_id)] != digest:
                problems.append(
                    f"the stored PDF of {kind} {number} is not the one it was issued with"
                )
    return problems


def _name(connection: sqlite3.Connection, kind: str, document_id: object) -> str:
    for table, table_kind in _NUMBERED.items():
        if table_kind == kind:
            row = connection.execute(f"SELECT number FROM {table} WHERE id = ?", (document_id,))
            found = row.fetchone()
            if found is not None and found[0]:
                return str(found[0])
    return str(document_id)


def _series_problems(connection: sqlite3.Connection, tables: set[str]) -> list[str]:
    taken: dict[str, list[str]] = {}
    for table in _NUMBERED:
        if table in tables:
            query = f"SELECT series, number FROM {table} WHERE number IS NOT NULL"
            for series, number in connection.execute(query):
                taken.setdefault(str(series), []).append(str(number))
    problems = []
    for series, last in connection.execute("SELECT series_key, last_number FROM document_series"):
        sequences = {_sequence(series, number) for number in taken.get(series, [])}
        missing = sorted(set(range(1, last + 1)) - sequences)
        beyond = sorted(n for n in sequences if n is not None and n > last)
        if missing:
            problems.append(f"series {series} has a gap: {_listed(series, missing)} missing")
        if beyond:
            problems.append(
                f"series {series} has numbers past its counter ({last}): {_listed(series, beyond)}"
            )
    return problems


def _sequence(series: str, number: str) -> int | None:
    rest = number[len(series) + 1 :] if number.startswith(f"{series}-") else ""
    return int(rest) if rest.isdigit() else None


def _listed(series: str, sequences: list[int], most: int = 5) -> str:
    from ..domain.billing.numbering import format_number

    shown = ", ".join(format_number(series, n) for n in sequences[:most])
    return shown + (f" and {len(sequences) - most} more" if len(sequences) > most else "")
