"""Running one service call in a worker thread, with the outcome delivered on the GUI thread.

``run_in_background`` starts a QThread for the call. Its result, a problem the user can
fix, or a bug reaches the GUI thread through signals of a ``BackgroundJob``: results and
problems go to the caller's callbacks, bugs to the crash handler (re-raised there), so
an exception in a worker is never lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from ..domain.errors import UserError


class _Worker(QObject):
    """Lives in the worker thread and runs the call there."""

    succeeded = Signal(object)
    failed = Signal(str)
    crashed = Signal(object)

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        """Do the work (in the worker thread)."""
        try:
            result = self._work()
        except UserError as problem:
            self.failed.emit(str(problem))
        except Exception as error:  # handed to the GUI thread, not lost
            self.crashed.emit(error)
        else:
            self.succeeded.emit(result)


class BackgroundJob(QObject):
    """One call in a worker thread; lives in the GUI thread and relays the outcome.

    Signals:
        succeeded(object): the call's result.
        failed(str): a problem the user can fix (the message to show).
        finished(): after either, or after a crash.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self.worker_thread = QThread(self)
        self._worker = _Worker(work)
        self._worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self._worker.run)
        self._worker.succeeded.connect(self._on_worker_succeeded)
        self._worker.failed.connect(self._on_worker_failed)
        self._worker.crashed.connect(self._on_worker_crashed)
        self.worker_thread.finished.connect(self._worker.deleteLater)

    def start(self) -> None:
        """Start the call."""
        self.worker_thread.start()

    def running(self) -> bool:
        """Whether the call has not ended yet."""
        return self.worker_thread.isRunning()

    def _end(self) -> None:
        self.worker_thread.quit()
        self.worker_thread.wait()
        self.finished.emit()

    def _on_worker_succeeded(self, result: Any) -> None:
        self._end()
        self.succeeded.emit(result)

    def _on_worker_failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)

    def _on_worker_crashed(self, error: BaseException) -> None:
        self._end()
        raise error


def run_in_background(work: Callable[[], object], parent: QObject) -> BackgroundJob:
    """Start ``work`` in a worker thread; connect to the job's signals for the outcome.

    The connections made right after this call are in time: the outcome arrives through
    the GUI thread's event loop, which runs only after the caller returns.
    """
    job = BackgroundJob(work, parent)
    job.start()
    return job
