"""Exporting issued invoices' stored PDFs to a folder, one file per invoice.

Names come from the number and the organization, sanitized for every operating system;
each file is written atomically. The exporter reads one invoice at a time so that the
interface can show progress and cancel between files.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...domain.billing.file_names import document_file_name
from ...domain.billing.statuses import InvoiceStatus
from ...domain.progress import NO_PROGRESS, Progress
from ...persistence.engine import SessionFactories
from ..atomic_files import prepare_export_folder, write_bytes_atomic
from ..database_errors import translating_database_errors
from .invoice_records import load_invoice
from .invoice_service import InvoiceService
from .pdf_store import stored_pdf


@dataclass(frozen=True)
class ExportItem:
    """One invoice to export and the file name it gets."""

    invoice_id: uuid.UUID
    number: str
    file_name: str


@dataclass(frozen=True)
class ExportReport:
    """The files written, and the invoices that had no stored PDF to write."""

    written: tuple[Path, ...]
    without_pdf: tuple[str, ...]
    cancelled: bool = False


class InvoiceExporter:
    """Write the PDFs of issued invoices to a folder."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def items(self, status: str | None = None) -> list[ExportItem]:
        """The issued invoices to export (of one status, or all), by number."""
        summaries = InvoiceService(self._factories).list(status)
        return [
            ExportItem(s.id, s.number, document_file_name(s.number, s.organization))
            for s in summaries
            if s.number is not None and s.status != InvoiceStatus.DRAFT.value
        ]

    def write(self, item: ExportItem, folder: Path) -> Path | None:
        """Write one invoice's stored PDF into the folder; None if it has no PDF."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            content = stored_pdf(s, load_invoice(s, item.invoice_id).id)
        if content is None:
            return None
        path = folder / item.file_name
        write_bytes_atomic(path, content)
        return path

    def export(
        self,
        folder: Path,
        status: str | None = None,
        progress: Progress = NO_PROGRESS,
    ) -> ExportReport:
        """Export every issued invoice (of one status) to a folder, created if needed.

        Args:
            folder: where the files go.
            status: only invoices of this status (as ``InvoiceService.list`` reads it).
            progress: told (done, total) after each invoice; its ``cancelled`` is asked
                before each invoice, and True stops the export there.

        Raises:
            UserError: the folder cannot be made or written to; an unknown status.
        """
        items = self.items(status)
        prepare_export_folder(folder)
        written: list[Path] = []
        without_pdf: list[str] = []
        self.write_all(items, folder, progress, written, without_pdf)
        cancelled = len(written) + len(without_pdf) < len(items)
        return ExportReport(tuple(written), tuple(without_pdf), cancelled=cancelled)

    def write_all(
        self,
        items: Sequence[ExportItem],
        folder: Path,
        progress: Progress,
        written: list[Path],
        without_pdf: list[str],
    ) -> None:
        """Write the items' PDFs in order until done or ``progress`` asks to stop.

        Args:
            items: the invoices and their file names.
            folder: where the files go (it exists).
            progress: told (done, total) after each invoice; its ``cancelled`` is asked
                before each invoice.
            written: the files written are appended here as they are written, so a
                caller still has them when a later file fails.
            without_pdf: the numbers of the invoices without a stored PDF, likewise.
        """
        for done, item in enumerate(items, start=1):
            if stop_asked(progress):
                return
            path = self.write(item, folder)
            if path is None:
                without_pdf.append(item.number)
            else:
                written.append(path)
            if progress.report is not None:
                progress.report(done, len(items))


def stop_asked(progress: Progress) -> bool:
    """Whether the person asked to stop (``progress.cancelled`` answers True)."""
    # Not Progress.step: its Cancelled would lose the list of the files written so far.
    return progress.cancelled is not None and progress.cancelled()
