"""The start-up check and automatic backup, made in a background thread.

The main window is shown first; then a thread runs SQLite's quick check on the
database. Damage is shown in a dialog that offers the newest sound backup, and no backup
is made of a damaged file. Otherwise the thread checks the backups folder and, when no
automatic backup was made today, copies the database and prunes the automatic backups
beyond the ``backups_to_keep`` setting. The outcome appears in the status bar. The
thread is not a daemon: quitting the app right away waits for the copy to finish rather
than leaving it half done (the copy is atomic either way).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance

from ..domain.errors import UserError
from ..services import database_service

if TYPE_CHECKING:
    from .window_base import DatabaseWindow

log = logging.getLogger(__name__)

_STATUS_TIMEOUT_MS = 10_000


class AutomaticBackup(QObject):
    """Runs the automatic backup of one database off the GUI thread.

    Signals:
        damaged(object): the quick check found damage (a DamageReport); no backup made.
        finished(object): the backup written (a Path), or None when today's existed.
        failed(str): the backup could not be made; the message says why.
        crashed(object): any other exception, handed to the GUI thread's crash handler.
    """

    damaged = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    crashed = Signal(object)

    def __init__(self, window: DatabaseWindow) -> None:
        super().__init__(window)
        self._window = window
        self._context = window.context
        self._path = window.context.path
        self.worker: threading.Thread | None = None
        self.damaged.connect(self._on_self_damaged)
        self.finished.connect(self._on_self_finished)
        self.failed.connect(self._on_self_failed)
        self.crashed.connect(self._on_self_crashed)

    def start(self) -> threading.Thread:
        """Start the backup thread and return it (tests join it)."""
        self.worker = threading.Thread(target=self._run, name="automatic-backup")
        self.worker.start()
        return self.worker

    def _run(self) -> None:
        try:
            report = database_service.quick_check(self._path)
            if report.problems:
                log.error("The quick check found damage in %s: %s", self._path, report.problems)
                self._emit(self.damaged, report)
                return
            written = database_service.back_up_automatically(self._path, self._backups_to_keep)
        except UserError as problem:
            log.warning("Automatic backup of %s failed: %s", self._path, problem)
            self._emit(self.failed, str(problem))
        except Exception as error:  # a bug: shown by the crash handler, not lost
            self._emit(self.crashed, error)
        else:
            if written is not None:
                log.info("Automatic backup written to %s", written)
            self._emit(self.finished, written)

    def _backups_to_keep(self) -> int:
        return self._context.settings.load().backups_to_keep

    def _on_self_damaged(self, report: database_service.DamageReport) -> None:
        from .damage_dialog import offer_restore

        self._window.statusBar().showMessage(f"{report.path.name} is damaged; no backup was made")
        offer_restore(self._window, report)

    def _on_self_finished(self, written: Path | None) -> None:
        if written is not None:
            self._window.statusBar().showMessage(
                f"Automatic backup written to {written}", _STATUS_TIMEOUT_MS
            )

    def _on_self_failed(self, message: str) -> None:
        self._window.statusBar().showMessage(f"Automatic backup failed: {message}")

    def _on_self_crashed(self, error: BaseException) -> None:
        raise error

    @staticmethod
    def _emit(signal: SignalInstance, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the window closed meanwhile: nobody is left to tell


def start_automatic_backup(window: DatabaseWindow) -> AutomaticBackup:
    """Back up the window's database in the background and report in its status bar."""
    job = AutomaticBackup(window)
    job.start()
    return job
