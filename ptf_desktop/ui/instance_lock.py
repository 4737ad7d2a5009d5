"""One window per database: a lock file beside the database, and what to do when it is held.

Two windows writing one file would each keep stale pages of the other's work on screen
and fight over the write lock. The first window to open a database holds a QLockFile
named ``.NAME.lock`` beside it (never a lock on the database file itself, which is
SQLite's); a second one is told which process has it and may open it read-only or not
at all. The lock is released when the window closes the database, and a lock left by a
process that died is taken over (QLockFile checks the process id).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile

from ..services.context import AppContext, open_context

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

READ_ONLY_BUTTON = "Open read-only"


def lock_file_of(database: Path) -> Path:
    """The lock file of a database (hidden, beside it)."""
    return database.with_name(f".{database.name}.lock")


def open_for_window(
    path: Path, parent: QWidget | None, *, create: bool = True
) -> AppContext | None:
    """Open a database for a window, holding its instance lock while the context is open.

    When another window holds the lock, the person chooses: open read-only, or cancel.
    A missing file is created only when ``create`` is true.

    Returns:
        The context, or None when the person cancelled.

    Raises:
        DatabaseProblem: the file cannot be used.
    """
    path = path.expanduser().absolute()
    lock = QLockFile(str(lock_file_of(path)))
    lock.setStaleLockTime(0)  # held as long as the window is open, however long that is
    if not lock.tryLock(0) and lock.error() == QLockFile.LockError.LockFailedError:
        if not ask_to_open_read_only(path, lock, parent):
            return None
        return open_context(path, read_only=True, create=False)
    try:
        context = open_context(path, create=create)  # may create the folder of a new one
    except BaseException:
        lock.unlock()
        raise
    if lock.isLocked() or lock.tryLock(0):
        context.on_close(lock.unlock)
    else:
        # A read-only folder: no lock file can be made, and nothing can be written either.
        log.info("No instance lock for %s: %s", path, lock.error())
    _tell_about_set_aside(context, parent)
    return context


def _tell_about_set_aside(context: AppContext, parent: QWidget | None) -> None:
    opened = context.database
    if not opened.read_only_reason and not opened.set_aside:
        return
    # Loaded only when there is something to tell: message boxes cost start-up time.
    from PySide6.QtWidgets import QMessageBox

    if opened.read_only_reason:
        QMessageBox.information(
            parent, "Opened read-only", f"{opened.read_only_reason}\n\nIt was opened read-only."
        )
    if opened.set_aside:
        # Loaded only then: the database service is not needed to show the window.
        from ..services.database_service import describe_set_aside

        messages = [
            describe_set_aside(opened.path, moved, opened.created) for moved in opened.set_aside
        ]
        log.warning("%s", " ".join(messages))
        QMessageBox.warning(parent, "Write-ahead log set aside", "\n\n".join(messages))


def ask_to_open_read_only(path: Path, lock: QLockFile, parent: QWidget | None) -> bool:
    """Tell the person the file is open in another window; True to open it read-only."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Database already open")
    box.setText(f"{path.name} is already open in another PTF Desktop window{_holder(lock)}.")
    box.setInformativeText(
        f"{path}\n\nTwo windows changing one file would get in each other's way. Open it "
        "read-only to look things up (changes are made in the other window), or cancel."
    )
    read_only = box.addButton(READ_ONLY_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is read_only


def _holder(lock: QLockFile) -> str:
    info = lock.getLockInfo()  # (pid, host name, application name); pid 0 when unknown
    if not info or not info[0]:
        return ""
    pid, host = info[0], info[1]
    return f" (process {pid} on {host})" if host else f" (process {pid})"
