"""One slow service call at a time off the GUI thread, with a busy bar a person can see.

Issuing an invoice renders and stores its PDF; the first one in a process loads the fonts
and takes seconds. A page runs such a call through ``BusyWork``: the call goes to a worker
thread (``tasks.run_task``), the bar says what is happening, the page
disables its buttons while ``busy()``, and the outcome comes back on the GUI thread.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from ..domain.progress import Progress
from .tasks import Task, Work, run_task


class BusyBar(QWidget):
    """A moving bar and a line of text; hidden when nothing runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyBar")
        self.label = QLabel()
        self.label.setObjectName("busyText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # texts quote organization names
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the call has no steps to count
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        self.hide()


class BusyWork(QObject):
    """Runs calls one at a time in a worker thread and shows a BusyBar meanwhile.

    Signals:
        ended(): a call ended (after success, failure or a crash); the page re-enables
            its buttons.
    """

    ended = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.bar = BusyBar(parent)
        self.job: Task | None = None

    def busy(self) -> bool:
        """Whether a call is running."""
        return self.job is not None

    def run(
        self,
        text: str,
        work: Callable[[], object],
        on_succeeded: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> Task:
        """Start ``work`` in a worker thread, showing ``text`` until it ends.

        Args:
            text: what is happening, e.g. "Issuing the invoice for Acme…".
            work: the service call; it must not touch widgets.
            on_succeeded: called on the GUI thread with the call's result.
            on_failed: called on the GUI thread with the message of a problem the user
                can fix; bugs go to the crash handler.

        Raises:
            RuntimeError: a call is already running (pages disable their buttons).
        """
        if self.job is not None:
            raise RuntimeError("a call is already running")
        self.bar.label.setText(text)
        self.bar.show()
        self.job = run_task(_without_cyclic_collection(work))
        # finished comes first, so the page is usable again when the outcome is shown.
        self.job.finished.connect(self._on_job_finished)
        self.job.succeeded.connect(on_succeeded)
        self.job.failed.connect(on_failed)
        return self.job

    def wait(self) -> None:
        """Wait for the running call (before the page or its database goes)."""
        if self.job is not None:
            self.job.wait()

    def _on_job_finished(self) -> None:
        self.job = None
        self.bar.hide()
        self.ended.emit()


def _without_cyclic_collection(work: Callable[[], object]) -> Work:
    """``work`` with Python's cyclic garbage collector paused while it runs.

    A full collection of a big heap holds the GIL for 100-400 ms, which freezes the GUI
    thread as surely as running the work there; loading the fonts for a first PDF
    triggers several. Reference counting still frees everything else, and the calls run
    here take seconds at most, so the cycles simply wait (as the invoice export does).
    """

    def run(_progress: Progress) -> object:
        collecting = gc.isenabled()
        gc.disable()
        try:
            return work()
        finally:
            if collecting:
                gc.enable()

    return run
