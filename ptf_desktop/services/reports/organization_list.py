"""The organizations list as a report: the export that imports again.

Its columns are the import's plus the membership status and the end of the current term
(``register.organization_columns``), with the search, filters and order of the list the
request carries (all organizations by name without one). The spreadsheet holds only the
heading row and the rows (``Report.table_only``), so an exported CSV or XLSX file is
read back by the import as it is; CSV and XLSX are written by the reports' writers, with
the same neutralizing of formula-like text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...domain.errors import UserError
from ...domain.progress import NO_PROGRESS, Progress
from ...domain.reports import Column, ColumnType, ReportMetadata
from ...persistence.engine import SessionFactories
from ..atomic_files import atomic_file
from ..register.organization_columns import EXPORT_COLUMNS
from ..register.organization_export import ExportedOrganization, OrganizationExporter
from ..register.organization_records import OrganizationQuery
from .catalog import ReportContent, ReportRequest, find_report
from .export import WRITERS

_TYPES = {"employees": ColumnType.NUMBER, "member_since": ColumnType.DATE,
          "term_end": ColumnType.DATE}  # fmt: skip
COLUMNS = tuple(Column(name, _TYPES.get(name, ColumnType.TEXT)) for name in EXPORT_COLUMNS)
FORMATS = (".csv", ".xlsx")


def content(request: ReportRequest) -> ReportContent:
    """The organizations matching the request's query (all of them without one), in its order."""
    query = request.organizations or OrganizationQuery()
    rows = tuple(row.cells() for row in OrganizationExporter(request.factories).rows(query))
    return rows, ""


class OrganizationListExport:
    """Writes the (filtered) organizations list to a CSV or XLSX file."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories
        self._reader = OrganizationExporter(factories)

    def export(self, query: OrganizationQuery, path: Path, progress: Progress = NO_PROGRESS) -> int:
        """Write the organizations matching the query, in its order.

        Args:
            query: the search, filters and sort order of the list.
            path: the file; its suffix (.csv or .xlsx) chooses the format. An existing
                file is replaced only once the new one is complete.
            progress: hears of the rows written and may stop the export.

        Returns:
            How many organizations were written.

        Raises:
            UserError: another suffix, or the file cannot be written (missing folder,
                no permission, disk full).
            DatabaseProblem: the database cannot be read.
        """
        suffix = path.suffix.lower()
        if suffix not in FORMATS:
            raise UserError(
                f"Cannot export to {path.name}: choose a file name ending in .csv or .xlsx."
            )
        report = find_report("organizations").build(
            ReportRequest(self._factories, organizations=query)
        )
        with atomic_file(path) as temporary:
            WRITERS[suffix](report, temporary, ReportMetadata(), progress)
        return len(report.rows)

    def rows(self, query: OrganizationQuery) -> Iterator[ExportedOrganization]:
        """The organizations matching the query, in its order, read page by page.

        Raises:
            DatabaseProblem: the database cannot be read.
        """
        return self._reader.rows(query)
