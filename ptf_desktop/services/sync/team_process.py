"""Team sync in a process of its own, so the window's interpreter never works for it.

A sync decodes, converts and writes thousands of rows: Python work that, on a thread of
the window's process, competes with the window for the interpreter lock and makes it
stall. Here one worker process (started with ``spawn``, like the certificate workers;
the installed bundle makes its executable the worker through ``freeze_support``) is kept
while the window shows one database. Each sync opens the database through SQLite in the
worker (another process: its file descriptors never touch the window's locks), pushes
then pulls, and sends back the same small ``SyncOutcome`` the facade returns.

The device's token is read in the worker through the window's keyring backend, handed
over with each request, so a backend installed in the window (not the system's) is the
one used; a backend that cannot be handed over is replaced by the worker's default,
which is the same system keyring.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...domain.errors import UserError
from ...processes import die_with_parent
from .team_records import SyncOutcome

__all__ = ["ProcessUnavailable", "SyncProcess", "SyncRequest", "sync_database"]

log = logging.getLogger(__name__)


class ProcessUnavailable(Exception):
    """No worker process could be started here (the caller syncs in its own process)."""


@dataclass(frozen=True)
class SyncRequest:
    """One sync of one database, as the worker process receives it.

    Attributes:
        database: the database file.
        actor: the person recorded in the history (the device is added by the facade).
        busy_timeout: seconds a connection waits for another connection's lock.
        keyring_backend: the keyring backend that holds the device's token; None: the
            worker's default keyring.
    """

    database: Path
    actor: str
    busy_timeout: float
    keyring_backend: Any = None


def portable_keyring() -> Any:
    """This process's keyring backend when it can be handed to a worker, else None."""
    import keyring

    backend = keyring.get_keyring()
    try:
        pickle.dumps(backend)
    except Exception:  # a backend holding a connection or a handle: the worker opens its own
        return None
    return backend


# The worker's session factories, by database and actor: kept between syncs (one engine,
# its connections and compiled statements), dropped with the worker.
_factories: dict[tuple[Path, str, float], Any] = {}


def sync_database(request: SyncRequest) -> SyncOutcome:
    """Push then pull one database (run in the worker process).

    Args:
        request: which database, as whom, and where the token is.

    Returns:
        The sync's outcome, as ``TeamSync.sync`` returns it.
    """
    from .team import TeamSync

    if request.keyring_backend is not None:
        import keyring

        keyring.set_keyring(request.keyring_backend)
    key = (request.database, request.actor, request.busy_timeout)
    if key not in _factories:
        from ...persistence.engine import make_engine, make_session_factories

        engine = make_engine(request.database, request.busy_timeout)
        _factories[key] = make_session_factories(engine, request.actor)
    return TeamSync(_factories[key], request.database).sync()


def _initialize(parent_pid: int) -> None:
    die_with_parent(parent_pid)  # a window that is killed leaves no worker behind


class SyncProcess:
    """One worker process for syncs, started at the first and kept until ``close``."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._worked = False  # a sync came back from this worker at least once
        self.available = True  # False once no worker could be started
        self._closed = False

    def sync(self, request: SyncRequest) -> SyncOutcome:
        """Run one sync in the worker process and wait for its outcome.

        Raises:
            ProcessUnavailable: no worker could be started (none ever answered).
            UserError: the worker stopped during the sync (ended by another program, or
                out of memory; the database keeps what was committed before), or
                ``close`` was called.
        """
        try:
            future = self._submit(request)
            return future.result()
        except ProcessUnavailable:
            self.available = False
            raise
        except BrokenProcessPool as error:
            self._discard()
            if not self._worked:
                self.available = False
                raise ProcessUnavailable(str(error) or "the worker did not start") from error
            raise UserError(
                "The sync process stopped unexpectedly; the next sync starts a new one."
            ) from error

    def _submit(self, request: SyncRequest) -> Future[SyncOutcome]:
        if self._closed:  # a sync asked for just before the window closed: none is started
            raise UserError("The window no longer syncs this database.")
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_initialize,
                initargs=(os.getpid(),),
            )
        try:
            future = self._pool.submit(sync_database, request)
        except (OSError, RuntimeError) as error:  # cannot spawn, or no more threads
            self._discard()
            raise ProcessUnavailable(str(error)) from error
        future.add_done_callback(self._note_answer)
        return future

    def _note_answer(self, future: Future[SyncOutcome]) -> None:
        if not future.cancelled() and not isinstance(future.exception(), BrokenProcessPool):
            self._worked = True

    def _discard(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        """End the worker once a sync it runs has ended; never waits here."""
        self._closed = True
        if self._pool is not None:
            log.debug("stopping the sync process")
        self._discard()
