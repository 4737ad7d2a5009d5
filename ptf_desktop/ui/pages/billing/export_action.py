"""The export of a selection of invoices to a folder: task, progress dialog, summary."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ....domain.billing.file_names import document_file_name
from ....services.billing.folder_export import ExportResult, export_invoices
from ....services.billing.invoice_export import ExportItem, InvoiceExporter
from ....services.billing.records import InvoiceSummary
from ...tasks import Task, run_task


def export_items(invoices: list[InvoiceSummary]) -> list[ExportItem]:
    """The issued invoices among those chosen, with their sanitized file names."""
    return [
        ExportItem(
            invoice.id, invoice.number, document_file_name(invoice.number, invoice.organization)
        )
        for invoice in invoices
        if invoice.number is not None
    ]


def result_text(result: ExportResult) -> str:
    """What an export did, in words."""
    count = len(result.written)
    files = "1 PDF" if count == 1 else f"{count} PDFs"
    if result.cancelled:
        text = (
            f"Export cancelled: {files} of {result.total} written to {result.folder} before "
            "it stopped. Those files are complete; the others were not written."
        )
    else:
        text = f"{files} written to {result.folder}."
    if result.without_pdf:
        text += (
            f"\n{len(result.without_pdf)} invoice(s) have no stored PDF and were skipped: "
            + ", ".join(result.without_pdf[:10])
            + ("…" if len(result.without_pdf) > 10 else "")
        )
    return text


class InvoiceExport(QObject):
    """One export in progress: owns the task and the progress dialog.

    Signals:
        finished(object): the ExportResult, once the worker thread has ended and the
            summary is shown.

    Attributes:
        progress_dialog: what the person sees while it runs (Cancel stops it).
        message: the summary shown at the end.
        result: the ExportResult (None while it runs).
    """

    finished = Signal(object)

    def __init__(
        self,
        exporter: InvoiceExporter,
        invoices: list[InvoiceSummary],
        folder: Path,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self.result: ExportResult | None = None
        self.message: QMessageBox | None = None
        issued = [invoice for invoice in invoices if invoice.number is not None]
        total = len(issued)
        self.progress_dialog = QProgressDialog(
            f"Exporting {total} invoice(s) to {folder}…", "Cancel", 0, total, parent
        )
        self.progress_dialog.setObjectName("exportProgress")
        self.progress_dialog.setWindowTitle("Export invoices")
        self.progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress_dialog.setMinimumDuration(0)
        self.progress_dialog.setAutoClose(False)
        self.progress_dialog.setAutoReset(False)
        self._cancelling = False
        work = partial(export_invoices, exporter, lambda: export_items(issued), total, folder)
        self.progress_dialog.canceled.connect(self._on_progress_dialog_canceled)
        self.progress_dialog.show()
        self.job: Task = run_task(work)
        self.job.progressed.connect(self._on_job_progressed)
        # finished comes first, and also after a crash: the dialog goes either way.
        self.job.finished.connect(self.progress_dialog.close)
        self.job.succeeded.connect(self._on_job_succeeded)

    def cancel(self) -> None:
        """Stop after the file being written (what the Cancel button does)."""
        self._cancelling = True
        self.job.cancel()
        self.progress_dialog.show()  # Qt hides it on Cancel; it stays until the worker ends
        self.progress_dialog.setLabelText("Cancelling after the file being written…")

    def wait(self) -> None:
        """Block until the worker thread has ended (when the page closes)."""
        self.job.cancel()
        self.job.wait()

    def _on_progress_dialog_canceled(self) -> None:
        self.cancel()

    def _on_job_progressed(self, done: int, total: int) -> None:
        if self._cancelling:
            return  # keep saying that it stops; the dialog closes when the worker ends
        self.progress_dialog.setValue(done)
        self.progress_dialog.setLabelText(f"Exported {done} of {total} invoice(s)…")

    def _on_job_succeeded(self, result: ExportResult) -> None:
        self.result = result
        text = result_text(result)
        if result.problem:
            text = f"The export stopped: {result.problem}\n\n{text}"
        icon = QMessageBox.Icon.Warning if result.problem else QMessageBox.Icon.Information
        self.message = QMessageBox(icon, "Export invoices", text, parent=self._parent)
        self.message.setObjectName("exportSummary")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.open()  # not exec(): the page stays usable and tests can read it
        self.finished.emit(result)
