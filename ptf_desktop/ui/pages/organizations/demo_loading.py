"""Loading the demo office from the window: register, settings, billing and certificates.

It takes tens of seconds (every invoice and certificate is rendered and stored as a
person's would be), so it runs as a task behind a progress dialog; the window stays
responsive, and what was made is summed up at the end.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ....domain.progress import Progress
from ....services.context import AppContext
from ....services.demo.demo_office import OfficeSummary
from ...tasks import Task, run_task

DEMO_SEED = 2022


class DemoLoading(QObject):
    """One load of the demo office, with its progress dialog."""

    def __init__(
        self,
        context: AppContext,
        organizations: int,
        parent: QWidget,
        on_loaded: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._on_loaded = on_loaded
        self.dialog = QProgressDialog("Writing the demo register…", "", 0, 0, parent)
        self.dialog.setWindowTitle("Loading demo data")
        self.dialog.setCancelButton(None)  # half an office is no demo: it runs to the end
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.task: Task = run_task(lambda progress: _load(context, organizations, progress))
        self.task.progressed.connect(self._on_progressed)
        self.task.finished.connect(self.dialog.close)  # also after a crash
        self.task.succeeded.connect(self._on_succeeded)
        self.task.failed.connect(self._on_failed)
        self.dialog.show()

    def _on_progressed(self, done: int, total: int) -> None:
        if done < total:
            self.dialog.setLabelText(f"Writing the demo register: {done:,} of {total:,}…")
        else:  # the register is in; the office's documents take the rest of the time
            self.dialog.setLabelText("Issuing invoices, recording payments, certificates…")

    def _on_succeeded(self, office: OfficeSummary) -> None:
        billing = office.billing
        QMessageBox.information(
            self._parent,
            "Demo data loaded",
            f"The demo office is ready: {billing.invoices:,} invoices issued over past years "
            f"({billing.paid:,} paid, {billing.part_paid:,} part-paid, {billing.overdue:,} "
            f"overdue, {billing.credited:,} credited), {billing.quotes:,} quotes and "
            f"{office.certificates:,} certificates.\n\nSigning certificate: {office.signing}",
        )
        self._on_loaded()

    def _on_failed(self, message: str) -> None:
        QMessageBox.critical(self._parent, "Demo data not loaded", message)
        self._on_loaded()  # what was written before the problem is shown


def _load(context: AppContext, organizations: int, progress: Progress) -> OfficeSummary:
    context.demo.generate(organizations, seed=DEMO_SEED, progress=progress)
    return context.demo_office.furnish(DEMO_SEED, context.path.parent)
