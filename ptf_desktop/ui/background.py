"""Service calls in worker threads, with the outcome delivered on the GUI thread.

Two ways, one module. ``run_in_background`` starts a QThread for one call; the call gets
a ``Progress`` (``domain.progress``) to report how far it is and to learn that the
person pressed Cancel, and its outcome reaches the GUI thread through the signals of a
``BackgroundJob``. A ``Runner`` owned by a widget starts calls that report progress, and
waits for them when the widget goes. Either way a result and a problem the user can fix
go to the caller's slots, and a bug goes to the crash handler (re-raised on the GUI
thread), so an exception in a worker is never lost.

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
# What a Runner runs: told how far it is through a (done, total) callback.
ProgressWork = Callable[[Callable[[int, int], None]], object]


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
        finished(): before any of these (so the caller is usable again when it shows the
            outcome), or after a crash.
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
            self.finished.emit()  # first: the caller is usable again when it shows the outcome
            self.succeeded.emit(result)

    def _on_worker_failed(self, message: str) -> None:
        if self._end():
            self.finished.emit()  # first: the caller is usable again when it shows the outcome
            self.failed.emit(message)

    def _on_worker_cancelled(self) -> None:
        if self._end():
            self.finished.emit()  # first: the caller is usable again when it shows the outcome
            self.cancelled.emit()

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


class Job(QObject):
    """One service call in a worker thread.

    Signals:
        progress(int, int): done and total, when the work reports them.
        result(object): what the call returned.
        failed(str): a problem the user can fix.
        crashed(object): a bug, to re-raise on the GUI thread.
        finished(): after any of the three above.
    """

    progress = Signal(int, int)
    result = Signal(object)
    failed = Signal(str)
    crashed = Signal(object)
    finished = Signal()

    def __init__(self, work: ProgressWork) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        """Do the work (in the worker thread)."""
        try:
            value = self._work(self.progress.emit)
        except UserError as problem:
            self.failed.emit(str(problem))
        except Exception as error:  # handed to the GUI thread, never lost
            self.crashed.emit(error)
        else:
            self.result.emit(value)
        self.finished.emit()


class Runner(QObject):
    """Starts jobs in threads owned by a widget and waits for them when it goes."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._threads: list[QThread] = []
        self._jobs: list[Job] = []
        # Jobs whose outcome has not reached the GUI thread yet; a finished thread is not
        # enough, its result may still wait in the event queue.
        self._pending = 0

    def start(
        self,
        work: ProgressWork,
        on_result: Callable[[Any], None],
        on_failed: Callable[[str], None],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Job:
        """Run ``work`` in a new thread; the callbacks run on the GUI thread."""
        thread = QThread(self)
        job = Job(work)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        # Directly, in the worker: the GUI thread may be blocked in wait() for it.
        job.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        job.result.connect(on_result)
        job.failed.connect(on_failed)
        job.crashed.connect(self._on_job_crashed)
        if on_progress is not None:
            job.progress.connect(on_progress)
        job.finished.connect(self._on_job_finished)  # queued after result or failed
        thread.finished.connect(self._on_thread_finished)
        self._threads.append(thread)
        self._jobs.append(job)
        self._pending += 1
        thread.start()
        return job

    def busy(self) -> bool:
        """Whether a job is running or its outcome is still on its way."""
        return self._pending > 0

    def _on_job_finished(self) -> None:
        self._pending -= 1

    def wait(self) -> None:
        """Wait for every job (before the owner is destroyed)."""
        for thread in self._threads:
            thread.wait()

    def _on_thread_finished(self) -> None:
        finished = [t for t in self._threads if t.isFinished()]
        for thread in finished:
            index = self._threads.index(thread)
            self._threads.pop(index)
            self._jobs.pop(index).deleteLater()
            thread.deleteLater()

    def _on_job_crashed(self, error: BaseException) -> None:
        raise error  # on the GUI thread, where the crash handler reports it
