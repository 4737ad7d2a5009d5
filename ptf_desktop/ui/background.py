"""Running one service call in a worker thread, with the outcome delivered on the GUI thread.

``run_in_background`` starts a QThread for the call. The call gets a ``Progress``
(``domain.progress``) to report how far it is and to learn that the person pressed
Cancel. Its result, a problem the user can fix, a cancel, or a bug reaches the GUI
thread through signals of a ``BackgroundJob``: results and problems go to the caller's
slots, bugs to the crash handler (re-raised there), so an exception in a worker is never
lost.

A job is a child of a window's object tree, so the window can find its running jobs
(``stop_jobs``) when it closes: each is asked to stop and waited for, because a QThread
destroyed while it runs aborts the whole application.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal

from ..domain.errors import UserError
from ..domain.progress import Cancelled, Progress

Work = Callable[[Progress], object]


class _Worker(QObject):
    """Lives in the worker thread and runs the call there."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    crashed = Signal(object)
    done = Signal()

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop

    def run(self) -> None:
        """Do the work (in the worker thread)."""
        try:
            result = self._work(Progress(self.progressed.emit, self._stop.is_set))
        except Cancelled:
            self.cancelled.emit()
        except UserError as problem:
            self.failed.emit(str(problem))
        except Exception as error:  # handed to the GUI thread, not lost
            self.crashed.emit(error)
        else:
            self.succeeded.emit(result)
        self.done.emit()


class BackgroundJob(QObject):
    """One call in a worker thread; lives in the GUI thread and relays the outcome.

    Signals:
        progressed(int, int): done and total, as the call reports them.
        succeeded(object): the call's result.
        failed(str): a problem the user can fix (the message to show).
        cancelled(): the call stopped because ``cancel`` was asked.
        finished(): after any of these, or after a crash.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Work, parent: QObject) -> None:
        super().__init__(parent)
        self._stop = threading.Event()  # set in the GUI thread, read in the worker
        self._stopped = False
        self.worker_thread = QThread(self)
        self._worker = _Worker(work, self._stop)
        self._worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self._worker.run)
        # Directly, in the worker: the GUI thread may be blocked in wait() for it.
        self._worker.done.connect(self.worker_thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.progressed.connect(self._on_worker_progressed)
        self._worker.succeeded.connect(self._on_worker_succeeded)
        self._worker.failed.connect(self._on_worker_failed)
        self._worker.cancelled.connect(self._on_worker_cancelled)
        self._worker.crashed.connect(self._on_worker_crashed)
        self.worker_thread.finished.connect(self._worker.deleteLater)

    def start(self) -> None:
        """Start the call."""
        self.worker_thread.start()

    def running(self) -> bool:
        """Whether the call has not ended yet."""
        return self.worker_thread.isRunning()

    def cancel(self) -> None:
        """Ask the call to stop at its next step (it ends with ``cancelled``)."""
        self._stop.set()

    def stop(self) -> None:
        """Cancel the call and wait for its thread to end; its outcome is not reported.

        For a window that closes: nothing is left running and no message pops up after.
        """
        self._stopped = True
        self._stop.set()
        self.worker_thread.wait()

    def _end(self) -> bool:
        """Wait for the thread (it is ending); False when the outcome is not wanted."""
        self.worker_thread.wait()
        return not self._stopped

    def _on_worker_progressed(self, done: int, total: int) -> None:
        if not self._stopped:
            self.progressed.emit(done, total)

    def _on_worker_succeeded(self, result: Any) -> None:
        if self._end():
            self.succeeded.emit(result)
            self.finished.emit()

    def _on_worker_failed(self, message: str) -> None:
        if self._end():
            self.failed.emit(message)
            self.finished.emit()

    def _on_worker_cancelled(self) -> None:
        if self._end():
            self.cancelled.emit()
            self.finished.emit()

    def _on_worker_crashed(self, error: BaseException) -> None:
        if self._end():
            self.finished.emit()
        raise error


def run_in_background(work: Work, parent: QObject) -> BackgroundJob:
    """Start ``work`` in a worker thread; connect to the job's signals for the outcome.

    The connections made right after this call are in time: the outcome arrives through
    the GUI thread's event loop, which runs only after the caller returns.
    """
    job = BackgroundJob(work, parent)
    job.start()
    return job


def stop_jobs(owner: QObject) -> int:
    """Stop every running job in ``owner``'s object tree and wait for each; how many ran."""
    running = [job for job in owner.findChildren(BackgroundJob) if job.running()]
    for job in running:
        job.cancel()  # all asked first, so they wind down together
    for job in running:
        job.stop()
    return len(running)
