"""Certificates for a year: runs the batch in a worker thread behind a cancellable progress.

The batch asks ``cancelled()`` before each chunk of certificates (one transaction);
Cancel sets a flag the worker reads, so the batch stops after the current chunk and
everything already issued and written stays. The GUI thread only shows progress and
stays responsive throughout.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ....services.certificates.certificate_batch import BatchReport, CertificateBatch


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, batch: CertificateBatch, year: int, folder: Path, as_zip: bool) -> None:
        super().__init__()
        self._batch = batch
        self._year = year
        self._folder = folder
        self._zip = as_zip
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            report = self._batch.export_year(
                self._year,
                self._folder,
                as_zip=self._zip,
                progress=lambda done, total, what: self.progressed.emit(done, total, what),
                cancelled=self.stop.is_set,
            )
        except Exception as error:  # shown to the person; the batch's work so far stays
            self.failed.emit(str(error))
            return
        self.finished.emit(report)


class YearBatchRun(QObject):
    """One run of the batch with its progress dialog.

    Signals:
        done(object): the BatchReport, or a str with the error message.
    """

    done = Signal(object)

    def __init__(
        self,
        batch: CertificateBatch,
        year: int,
        folder: Path,
        as_zip: bool,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.result: BatchReport | str | None = None
        self.dialog = QProgressDialog(f"Certificates for {year}…", "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(f"Certificates for {year}")
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._thread = QThread(self)
        self._worker = _Worker(batch, year, folder, as_zip)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_worker_progressed)
        for signal in (self._worker.finished, self._worker.failed):
            # Directly, in the worker: the GUI thread then waits for the thread's end.
            signal.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
            signal.connect(self._on_worker_ended)
        self.dialog.canceled.connect(self._on_dialog_canceled)

    def start(self) -> None:
        """Start the batch and show the progress dialog."""
        self.dialog.show()
        self._thread.start()

    def cancel(self) -> None:
        """Ask the batch to stop after the current chunk of certificates."""
        self._worker.stop.set()
        self.dialog.setLabelText("Stopping after the certificates in progress…")

    def running(self) -> bool:
        """True until the batch has ended."""
        return self._thread.isRunning()

    def wait(self) -> None:
        """Block until the worker thread ended (closing the window)."""
        self._thread.wait()

    def _on_worker_progressed(self, done: int, total: int, what: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if not self._worker.stop.is_set():
            self.dialog.setLabelText(f"{done} of {total}: {what}")

    def _on_dialog_canceled(self) -> None:
        self.cancel()

    def _on_worker_ended(self, result: Any) -> None:
        self._thread.wait()
        self.result = result
        self.dialog.blockSignals(True)  # closing is not a cancel
        self.dialog.close()
        self.done.emit(result)
