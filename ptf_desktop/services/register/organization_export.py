"""Export of the (filtered) organizations list to CSV or XLSX.

The columns are the import's plus the membership status and the end of the current term
(see ``organization_columns``), so an exported file imports again. CSV is UTF-8 with a
byte-order mark and CRLF line ends, which Excel opens as UTF-8. Text that a spreadsheet
would run as a formula gets a leading quote in both formats. Rows are read from the
database a page at a time, and the file is written under a temporary name and renamed,
so a failed export never leaves half a file behind.
"""

from __future__ import annotations

import csv
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ...domain.errors import UserError
from ...domain.organizations import ContactRole
from ...persistence.engine import SessionFactories
from ...persistence.models import Contact, Organization
from ..atomic_files import atomic_file
from ..database_errors import translating_database_errors
from .organization_columns import EXPORT_COLUMNS, neutralize
from .organization_queries import _filtered, _ordered
from .organization_records import OrganizationQuery

PAGE_SIZE = 1000
# XML (and so XLSX) cannot hold these control characters at all.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_SELECTED = (
    Organization.id, Organization.display_name, Organization.legal_name,
    Organization.org_type, Organization.employees, Organization.country,
    Organization.address_line1, Organization.address_line2, Organization.city,
    Organization.region, Organization.postal_code, Organization.vat_id, Organization.website,
    Organization.tier, Organization.member_since, Organization.lf_membership,
    Organization.notes, Organization.status, Organization.term_end,
    Organization.founding_member,
)  # fmt: skip


@dataclass(frozen=True)
class ExportedOrganization:
    """One organization as exported: the attributes are named as the file's columns.

    ``id`` and ``founding_member`` are not columns of the file (the command line's JSON
    list shows them).
    """

    id: uuid.UUID
    name: str
    legal_name: str
    org_type: str
    employees: int | None
    country: str
    address_line1: str
    address_line2: str
    city: str
    region: str
    postal_code: str
    vat_id: str
    website: str
    tier: str
    member_since: date | None
    lf_membership: str
    billing_contact_name: str
    billing_contact_email: str
    notes: str
    status: str
    term_end: date | None
    founding_member: bool = False

    def cells(self) -> tuple[Any, ...]:
        """The values in the order of EXPORT_COLUMNS (None where there is none)."""
        return tuple(getattr(self, column) for column in EXPORT_COLUMNS)


class OrganizationExporter:
    """Writes the organizations matching a query to a CSV or XLSX file."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def export(self, query: OrganizationQuery, path: Path) -> int:
        """Write the organizations matching the query, in its order.

        Args:
            query: the search, filters and sort order of the list.
            path: the file; its suffix (.csv or .xlsx) chooses the format. An existing
                file is replaced only once the new one is complete.

        Returns:
            How many organizations were written.

        Raises:
            UserError: another suffix, or the file cannot be written (missing folder,
                no permission, disk full).
            DatabaseProblem: the database cannot be read.
        """
        write = _WRITERS.get(path.suffix.lower())
        if write is None:
            raise UserError(
                f"Cannot export to {path.name}: choose a file name ending in .csv or .xlsx."
            )
        with atomic_file(path) as temporary:
            return write(temporary, self.rows(query))

    def rows(self, query: OrganizationQuery) -> Iterator[ExportedOrganization]:
        """The organizations matching the query, read from the database page by page.

        Raises:
            DatabaseProblem: the database cannot be read.
        """
        selected: Select[Any] = select(*_SELECTED)  # type: ignore[assignment]  # many types
        statement = _ordered(_filtered(selected, query), query)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            result = s.execute(statement.execution_options(yield_per=PAGE_SIZE))
            for page in result.partitions():
                contacts = _billing_contacts(s, [row.id for row in page])
                for row in page:
                    yield _exported(row, contacts.get(row.id))


def _billing_contacts(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """The billing contact of each organization: its first one, as the list shows it."""
    statement = (
        select(Contact.organization_id, Contact.name, Contact.email, Contact.roles)
        .where(Contact.organization_id.in_(ids), Contact.deleted.is_(False))
        .where(Contact.roles.contains(ContactRole.BILLING.value, autoescape=True))
        .order_by(Contact.created_at, Contact.id)
    )
    found: dict[uuid.UUID, Any] = {}
    for contact in session.execute(statement):
        if ContactRole.BILLING.value in contact.roles.split(","):
            found.setdefault(contact.organization_id, contact)
    return found


def _exported(row: Any, contact: Any) -> ExportedOrganization:
    return ExportedOrganization(
        id=row.id, name=row.display_name, legal_name=row.legal_name, org_type=row.org_type,
        employees=row.employees, country=row.country, address_line1=row.address_line1,
        address_line2=row.address_line2, city=row.city, region=row.region,
        postal_code=row.postal_code, vat_id=row.vat_id, website=row.website,
        tier=row.tier or "", member_since=row.member_since, lf_membership=row.lf_membership,
        billing_contact_name=contact.name if contact else "",
        billing_contact_email=contact.email if contact else "",
        notes=row.notes, status=row.status, term_end=row.term_end,
        founding_member=row.founding_member,
    )  # fmt: skip


def _write_csv(path: Path, rows: Iterator[ExportedOrganization]) -> int:
    count = 0
    # utf-8-sig writes the byte-order mark by which Excel recognises UTF-8.
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow([_csv_text(value) for value in row.cells()])
            count += 1
    return count


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralize(value)
    return str(value)


def _write_xlsx(path: Path, rows: Iterator[ExportedOrganization]) -> int:
    from openpyxl import Workbook  # type: ignore[import-untyped]  # no stubs installed
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    # Write-only mode streams rows to disk instead of holding every cell in memory.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Organizations")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in EXPORT_COLUMNS:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    def cell_of(value: Any) -> Any:
        if isinstance(value, date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = "yyyy-mm-dd"  # ISO, so a CSV saved by Excel imports again
            return cell
        if isinstance(value, str):
            return neutralize(_NOT_IN_XML.sub("\ufffd", value))
        return value

    count = 0
    for row in rows:
        sheet.append([cell_of(value) for value in row.cells()])
        count += 1
    _save_workbook(workbook, path)
    return count


def _save_workbook(workbook: Any, path: Path) -> None:
    """``workbook.save(path)``, closing the file whatever happens.

    openpyxl's own save leaves its zip file open when a write fails (a full disk); the
    garbage collector then closes it, fails again and prints a traceback.
    """
    import zipfile

    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

    workbook.properties.modified = datetime.now(tz=UTC).replace(tzinfo=None)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()


_WRITERS: dict[str, Callable[[Path, Iterator[ExportedOrganization]], int]] = {
    ".csv": _write_csv,
    ".xlsx": _write_xlsx,
}
