"""Certificates for a year: runs the batch as a task behind a cancellable progress dialog.

The batch asks its progress's ``cancelled`` before each chunk of certificates (one
transaction); Cancel asks the task to stop, so the batch stops after the current chunk
and everything already issued and written stays. A problem the person can fix is shown;
a bug goes to the crash handler like any other task's. The GUI thread only shows
progress and stays responsive throughout.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ....services.certificates.certificate_batch import BatchReport, CertificateBatch
from ...tasks import run_task


class YearBatchRun(QObject):
    """One run of the batch with its progress dialog.

    Signals:
        done(object): the BatchReport, or a str with the message of a problem.
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
        self._stopping = False
        self.dialog = QProgressDialog(f"Certificates for {year}…", "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(f"Certificates for {year}")
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._on_dialog_canceled)
        self.task = run_task(
            lambda progress: batch.export_year(year, folder, as_zip=as_zip, progress=progress)
        )
        self.task.progressed.connect(self._on_task_progressed)
        self.task.finished.connect(self._on_task_finished)  # also after a crash
        self.task.succeeded.connect(self._on_task_ended)
        self.task.failed.connect(self._on_task_ended)
        # Stopped before a thread took it up: nothing was issued.
        self.task.cancelled.connect(lambda: self._on_task_ended(BatchReport(cancelled=True)))

    def start(self) -> None:
        """Show the progress dialog (the batch is already on its way)."""
        self.dialog.show()

    def cancel(self) -> None:
        """Ask the batch to stop after the current chunk of certificates."""
        self._stopping = True
        self.task.cancel()
        self.dialog.setLabelText("Stopping after the certificates in progress…")

    def running(self) -> bool:
        """True until the batch has ended."""
        return self.task.running()

    def wait(self) -> None:
        """Block until the batch has ended (closing the window)."""
        self.task.wait()

    def _on_task_progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if not self._stopping:
            self.dialog.setLabelText(f"{done} of {total} certificates…")

    def _on_dialog_canceled(self) -> None:
        self.cancel()

    def _on_task_finished(self) -> None:
        self.dialog.blockSignals(True)  # closing is not a cancel
        self.dialog.close()

    def _on_task_ended(self, result: BatchReport | str) -> None:
        self.result = result
        self.done.emit(result)
