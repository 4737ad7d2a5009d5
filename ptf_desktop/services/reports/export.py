"""Making a report by name and writing it to a file whose extension picks the format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...domain.errors import UserError
from ...domain.progress import NO_PROGRESS, Progress
from ...domain.reports import Report, ReportMetadata
from ...persistence.engine import SessionFactories
from ..atomic_files import atomic_file
from ..settings_service import SettingsService
from .catalog import ReportDefinition, ReportRequest, check_year, find_report, report_definitions
from .csv_export import write_csv
from .xlsx_export import write_xlsx

Writer = Callable[[Report, Path, ReportMetadata, Progress], None]
# A PDF is for reading and printing: 5,000 rows of the member list are 180 landscape
# pages and take 5 s of CPU to lay out; its 53,000 rows in a 100,000-organization
# register took 260 s of CPU (15 minutes on a busy machine), some 1,900 pages. Beyond
# this, the spreadsheet formats are the right tool.
PDF_ROW_LIMIT = 5_000


def _write_pdf(
    report: Report, path: Path, metadata: ReportMetadata, progress: Progress = NO_PROGRESS
) -> None:
    check_pdf_size(report)
    from ...documents.report_pdf import render_report_pdf  # ReportLab only when asked for

    path.write_bytes(render_report_pdf(report, metadata, progress))


def check_pdf_size(report: Report) -> None:
    """Refuse a PDF of more rows than anyone reads on paper, saying what to do instead.

    Raises:
        UserError: the report has more than ``PDF_ROW_LIMIT`` rows.
    """
    if len(report.rows) > PDF_ROW_LIMIT:
        raise UserError(
            f"The {report.title} report has {len(report.rows):,} rows, too many for a PDF "
            f"(at most {PDF_ROW_LIMIT:,} rows). Export it as Excel (.xlsx) or CSV instead."
        )


WRITERS: dict[str, Writer] = {".csv": write_csv, ".xlsx": write_xlsx, ".pdf": _write_pdf}


class ReportService:
    """Builds reports from the database and writes them as CSV, XLSX or PDF."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def definitions(self) -> tuple[ReportDefinition, ...]:
        """Every report there is, in the order people are shown them."""
        return report_definitions()

    def build(self, name: str, year: int | None = None) -> Report:
        """Make a report.

        Raises:
            UserError: no such report, or a year it cannot take.
            DatabaseProblem: the database cannot be read.
        """
        definition = find_report(name)
        check_year(definition, year)
        return definition.build(ReportRequest(self._factories, year))

    def export(
        self, name: str, path: Path, year: int | None = None, progress: Progress = NO_PROGRESS
    ) -> Report:
        """Make a report and write it to ``path``; its extension picks the format.

        The name, year and extension are checked before any work; the file is written
        under a temporary name and renamed, so a failure or a cancel leaves no partial
        file. ``progress`` hears of the rows written and may stop the export.

        Returns:
            The report written.

        Raises:
            UserError: unknown report, year or extension, a PDF of too many rows, or the
                file cannot be written.
            DatabaseProblem: the database cannot be read.
            Cancelled: ``progress`` asked to stop; nothing was written.
        """
        write = writer_for(path)
        definition = find_report(name)
        check_year(definition, year)
        report = definition.build(ReportRequest(self._factories, year))
        progress.step(0, len(report.rows))
        settings = SettingsService(self._factories).load()
        metadata = ReportMetadata(author=settings.legal_name, country=settings.country)
        with atomic_file(path) as temporary:
            write(report, temporary, metadata, progress)
        return report


def writer_for(path: Path) -> Writer:
    """The writer of a file's format, from its extension.

    Raises:
        UserError: an extension no writer knows.
    """
    write = WRITERS.get(path.suffix.lower())
    if write is None:
        known = ", ".join(list(WRITERS)[:-1]) + " or " + list(WRITERS)[-1]
        raise UserError(f"Cannot write a report to {path.name}: use a file name ending in {known}.")
    return write
