"""Long work off the GUI thread: one runner for every service call that takes a while.

``run_task(work)`` runs ``work`` on a thread of the application's ``QThreadPool``. The
work gets a ``domain.progress.Progress`` to say how far it is and to learn that the
person asked to stop; its outcome comes back on the GUI thread through the signals of
the returned ``Task``:

* ``progressed(done, total)`` while it runs;
* ``succeeded(result)`` when it returns;
* ``failed(message)`` for a problem the person can fix (``UserError``, or the machine's
  state: a full disk, a file that cannot be written), shown by the caller;
* ``cancelled()`` when it stopped because ``cancel`` was asked (``Cancelled``);
* a bug is re-raised on the GUI thread, where the crash handler (``sys.excepthook``)
  logs its traceback and shows it, so no exception in a worker is ever lost.

``finished()`` comes before the outcome (so the caller is usable again when it shows it)
and also after a crash.

Every task that runs is held in a registry kept in Python, not in a window's object
tree: ``stop_tasks`` cancels and waits for them all when the window closes or switches
database, and their outcomes are then dropped (no message pops up from a closed
window). Being in Python, the registry is safe while Qt is deleting the window's
children, and a task never emits into an object Qt has already deleted.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

from ..domain.errors import UserError
from ..domain.progress import Cancelled, Progress

log = logging.getLogger(__name__)

Work = Callable[[Progress], object]

# Problems of the machine's state rather than of the code: shown to the person.
ENVIRONMENT_ERRORS: tuple[type[BaseException], ...] = (OSError,)

_running: set[Task] = set()
_pool: QThreadPool | None = None
# Enough threads that a long export never keeps a short call (issuing, reading the
# dashboard) waiting; the calls mostly wait for the disk or the database.
_THREADS = 8


class Task(QObject):
    """One call running in the pool; lives on the GUI thread and relays the outcome.

    Signals:
        progressed(int, int): done and total, as the call reports them.
        succeeded(object): the call's result.
        failed(str): a problem the person can fix (the message to show).
        cancelled(): the call stopped because ``cancel`` was asked.
        finished(): before any of these, and after a crash.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()
    # Emitted on the worker thread; queued to the GUI thread, where the Task lives.
    _reported = Signal(int, int)
    _ended = Signal(str, object)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self._stop = threading.Event()  # set on the GUI thread, read by the worker
        self._done = threading.Event()  # set by the worker when the call has returned
        self._dropped = False
        self._crash: BaseException | None = None  # a bug of the call, once it ended with one
        self._reported.connect(self._on_reported)
        self._ended.connect(self._on_ended)

    def running(self) -> bool:
        """Whether the call has not ended yet."""
        return not self._done.is_set()

    def pending(self) -> bool:
        """Whether the call runs or its outcome has not been delivered yet."""
        return self in _running

    def cancel(self) -> None:
        """Ask the call to stop at its next step (it then ends with ``cancelled``)."""
        self._stop.set()

    def wait(self) -> None:
        """Block until the call has ended (its outcome may still be on its way)."""
        self._done.wait()

    def stop(self) -> None:
        """Cancel the call, wait for it, and drop its outcome (the window goes)."""
        self._dropped = True
        self._stop.set()
        self._done.wait()
        _running.discard(self)
        if self._crash is not None:
            # Nobody will see the outcome now, but the log keeps the bug.
            log.error("A task stopped with its window had crashed", exc_info=self._crash)

    def _run(self) -> None:
        """Do the work (on a pool thread)."""
        try:
            if self._stop.is_set():  # stopped before a thread was free
                raise Cancelled
            result = self._work(Progress(self._reported.emit, self._stop.is_set))
        except Cancelled:
            self._end("cancelled", None)
        except UserError as problem:
            self._end("failed", str(problem))
        except ENVIRONMENT_ERRORS as problem:
            self._end("failed", _environment_message(problem))
        except Exception as error:  # handed to the GUI thread's crash handler, never lost
            self._end("crashed", error)
        else:
            self._end("succeeded", result)

    def _end(self, kind: str, payload: object) -> None:
        if isinstance(payload, BaseException):
            self._crash = payload
        try:
            self._ended.emit(kind, payload)
        except RuntimeError:  # the task went with the application (at exit): no one to tell
            log.debug("A task ended after the application had deleted it (%s)", kind)
        finally:
            self._done.set()

    def _on_reported(self, done: int, total: int) -> None:
        if not self._dropped:
            self.progressed.emit(done, total)

    def _on_ended(self, kind: str, payload: Any) -> None:
        self._done.wait()  # the worker sets it right after emitting
        _running.discard(self)
        if self._dropped:
            return
        self.finished.emit()
        if kind == "crashed":
            raise payload  # on the GUI thread: sys.excepthook logs it and shows it
        if kind == "succeeded":
            self.succeeded.emit(payload)
        elif kind == "failed":
            self.failed.emit(payload)
        else:
            self.cancelled.emit()


def run_task(work: Work) -> Task:
    """Start ``work`` on a pool thread; connect to the task's signals for the outcome.

    Connections made right after this call are in time: the outcome arrives through the
    GUI thread's event loop, which runs only after the caller returns.
    """
    task = Task(work)
    _running.add(task)
    _thread_pool().start(task._run)
    return task


def start_task(
    work: Work,
    on_succeeded: Callable[[Any], None],
    on_failed: Callable[[str], None],
    on_progressed: Callable[[int, int], None] | None = None,
) -> Task:
    """``run_task`` with the outcome's callbacks connected (they run on the GUI thread)."""
    task = run_task(work)
    task.succeeded.connect(on_succeeded)
    task.failed.connect(on_failed)
    if on_progressed is not None:
        task.progressed.connect(on_progressed)
    return task


def running_tasks() -> list[Task]:
    """The tasks whose call has not ended or whose outcome is still on its way."""
    return list(_running)


def busy() -> bool:
    """Whether any task runs or has an outcome on its way."""
    return bool(_running)


def stop_tasks() -> int:
    """Cancel every running task, wait for each and drop its outcome; how many ran.

    Called when the window closes or switches database: nothing may still read the
    database that closes, and a message from a closed window would confuse.
    """
    tasks = list(_running)
    for task in tasks:
        task.cancel()  # all asked first, so they wind down together
    for task in tasks:
        task.stop()
    return len(tasks)


def _thread_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        # A child of the application: it is destroyed, and its threads joined, with it.
        _pool = QThreadPool(QCoreApplication.instance())
        _pool.setMaxThreadCount(_THREADS)
    return _pool


def _environment_message(problem: BaseException) -> str:
    if isinstance(problem, OSError) and problem.strerror:
        where = f" ({problem.filename})" if problem.filename else ""
        return f"{problem.strerror}{where}."
    return str(problem)
