"""Exporting invoices' PDFs to a folder in a worker thread, with progress and cancelling.

ReportLab is not thread-safe, so everything the export does (reading stored PDFs, and
rendering when a PDF has to be made) happens in this one worker thread. The GUI thread
only shows progress: the worker reports after each file, and a cancel request is
honoured between two files, so the files written so far stay complete.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from ....services.billing.invoice_export import ExportItem, InvoiceExporter
from ....services.errors import UserError


@dataclass(frozen=True)
class ExportResult:
    """What an export did.

    Attributes:
        folder: where the files went.
        written: the files written, in order.
        without_pdf: numbers of the invoices that had no stored PDF.
        total: how many invoices were to be exported.
        cancelled: the person stopped the export before the end.
    """

    folder: Path
    written: tuple[Path, ...]
    without_pdf: tuple[str, ...]
    total: int
    cancelled: bool


class ExportWorker(QObject):
    """Writes one PDF per invoice; lives in its own QThread.

    Signals:
        progress(int, int): files done so far, and the total.
        result(object): the ExportResult, at the end (also after a cancel or a failure
            once some files were written).
        failed(str): a problem the person can fix (disk full, folder not writable).
        crashed(object): an unexpected exception, handed to the GUI thread's crash handler.
        finished(): the worker is done, whatever happened.
    """

    progress = Signal(int, int)
    result = Signal(object)
    failed = Signal(str)
    crashed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        exporter: InvoiceExporter,
        items: Callable[[], list[ExportItem]],
        total: int,
        folder: Path,
    ) -> None:
        super().__init__()
        self._exporter = exporter
        self._make_items = items  # called in the worker: naming 1,000 files takes ~60 ms
        self._total = total
        self._folder = folder
        self._cancel = threading.Event()  # set from the GUI thread, read here

    def cancel(self) -> None:
        """Ask the export to stop after the file being written (thread-safe)."""
        self._cancel.set()

    def cancelling(self) -> bool:
        """Whether a cancel was asked for."""
        return self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        """Export every item (in the worker thread)."""
        written: list[Path] = []
        without_pdf: list[str] = []
        total = self._total
        # A full garbage collection of a big heap holds the GIL for 100-300 ms, which
        # freezes the GUI thread; the export makes little cyclic garbage, so the collector
        # waits until it is done (reference counting still frees everything else).
        collecting = gc.isenabled()
        gc.disable()

        try:
            items = self._make_items()
            total = len(items)
            self._folder.mkdir(parents=True, exist_ok=True)
            for done, item in enumerate(items, start=1):
                if self._cancel.is_set():
                    break
                path = self._exporter.write(item, self._folder)
                if path is None:
                    without_pdf.append(item.number)
                else:
                    written.append(path)
                self.progress.emit(done, total)
        except UserError as problem:
            self.failed.emit(str(problem))
        except OSError as error:
            self.failed.emit(f"Cannot write to {self._folder}: {error.strerror or error}.")
        except Exception as error:  # handed to the GUI thread, never lost
            self.crashed.emit(error)
        finally:
            if collecting:
                gc.enable()
            cancelled = self._cancel.is_set() and len(written) + len(without_pdf) < total
            self.result.emit(
                ExportResult(self._folder, tuple(written), tuple(without_pdf), total, cancelled)
            )
            self.finished.emit()


def export_thread(worker: ExportWorker, parent: QObject) -> QThread:
    """A thread (not started) that runs the worker, then quits and cleans up."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Directly, in the worker: the GUI thread may be waiting for the thread to end.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(worker.deleteLater)
    return thread
