"""Writing organization CSV files for the import, export and CLI tests."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from ptf_desktop.services.register.organization_columns import IMPORT_COLUMNS

# A prospect with every column filled in the way a person would.
DEFAULTS: dict[str, str] = {
    "name": "Example Labs",
    "legal_name": "Example Labs GmbH",
    "org_type": "commercial",
    "employees": "250",
    "country": "DE",
    "address_line1": "Hauptstra\u00dfe 1",
    "address_line2": "",
    "city": "Berlin",
    "region": "",
    "postal_code": "10115",
    "vat_id": "",
    "website": "https://example.org",
    "tier": "",
    "member_since": "",
    "lf_membership": "none",
    "billing_contact_name": "Pat Billing",
    "billing_contact_email": "billing@example.org",
    "notes": "",
}


def row(**values: str) -> dict[str, str]:
    """A valid row with some values replaced."""
    unknown = set(values) - set(DEFAULTS)
    assert not unknown, unknown
    return {**DEFAULTS, **values}


def csv_text(
    rows: Iterable[Mapping[str, str]], header: Sequence[str] = IMPORT_COLUMNS, newline: str = "\n"
) -> str:
    """The rows as CSV text, cells in the header's order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in header])
    return buffer.getvalue()


def write_csv(
    path: Path,
    rows: Iterable[Mapping[str, str]],
    *,
    header: Sequence[str] = IMPORT_COLUMNS,
    excel: bool = False,
) -> Path:
    """Write a CSV file; ``excel=True`` writes it as Excel does (BOM, CRLF)."""
    text = csv_text(rows, header, "\r\n" if excel else "\n")
    path.write_bytes(text.encode("utf-8-sig" if excel else "utf-8"))
    return path


def row_counts(database: Path | Any) -> dict[str, int]:
    """Rows in each table of the register and the audit trail, read without the services.

    ``database`` is an SQLite file, or a context (whose database may be PostgreSQL).
    """
    tables = ("organizations", "contacts", "membership_terms", "tier_changes",
              "membership_applications", "audit_log")  # fmt: skip
    if not isinstance(database, Path):
        with database.factories.engine.connect() as connection:
            count = connection.exec_driver_sql
            return {t: count(f"SELECT count(*) FROM {t}").scalar_one() for t in tables}
    with closing(sqlite3.connect(database)) as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
