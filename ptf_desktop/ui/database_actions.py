"""File menu actions on the database: new, open, back up now, restore from a backup."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox

from ..services import database_service
from ..services.errors import DatabaseProblem
from .file_dialogs import ask_database_to_create, ask_database_to_open
from .instance_lock import open_for_window

if TYPE_CHECKING:
    from .window_base import DatabaseWindow

_STATUS_TIMEOUT_MS = 10_000


def create_database(window: DatabaseWindow) -> None:
    """Ask for a new file name, create the database there and switch to it."""
    path = ask_database_to_create(window, window.context.path.parent)
    if path is not None:
        switch_to(window, path)


def open_other_database(window: DatabaseWindow) -> None:
    """Ask for an existing database file and switch to it."""
    path = ask_database_to_open(window, window.context.path.parent)
    if path is not None:
        switch_to(window, path)


def switch_to(window: DatabaseWindow, path: Path) -> bool:
    """Open the database at path and show it; on a problem keep the current one and explain."""
    if window.context.is_open() and _same_file(path, window.context.path):
        window.statusBar().showMessage(f"{path} is already open", _STATUS_TIMEOUT_MS)
        return True
    # A closed database (being restored) was asked about before it closed.
    if window.context.is_open() and not window.may_leave_database():
        return False  # Cancel: the unsaved edits stay, and so does this database
    try:
        context = open_for_window(path, window)
    except DatabaseProblem as problem:
        QMessageBox.critical(window, "Cannot open the database", str(problem))
        return False
    if context is None:
        return False
    window.switch_context(context)
    verb = "Created" if context.database.created else "Opened"
    window.statusBar().showMessage(f"{verb} {context.path}", _STATUS_TIMEOUT_MS)
    return True


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)  # stat only: the open database is never read here
    except OSError:
        return False


def back_up_now(window: DatabaseWindow) -> None:
    """Write a backup of the open database into its backups folder."""
    try:
        written = database_service.back_up(window.context.path)
    except DatabaseProblem as problem:
        QMessageBox.critical(window, "Backup failed", str(problem))
        return
    window.statusBar().showMessage(f"Backup written to {written}", _STATUS_TIMEOUT_MS)


def restore_from_backup(window: DatabaseWindow) -> None:
    """Let the user pick a backup and restore it, keeping a copy of the current contents."""
    from .dialogs.restore_dialog import RestoreDialog

    path = window.context.path
    if window.context.read_only:
        QMessageBox.information(
            window,
            "Restore from backup",
            f"{path.name} is open read-only in this window. Restore it from the window that "
            "has it open for writing.",
        )
        return
    dialog = RestoreDialog(database_service.list_backups(path), window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.selected_backup() is None:
        return
    chosen = dialog.selected_backup()
    assert chosen is not None
    restore_backup(window, chosen)


def restore_backup(window: DatabaseWindow, chosen: database_service.BackupInfo) -> None:
    """Replace the open database's contents with a backup and show them."""
    path = window.context.path
    if not window.may_leave_database():
        return  # Cancel: nothing is restored, the unsaved edits stay
    window.context.close()
    try:
        safety_copy = database_service.restore(path, chosen.path)
    except DatabaseProblem as problem:
        QMessageBox.critical(
            window, "Restore failed", f"{problem}\n\nThe database was not changed."
        )
        switch_to(window, path)  # hold the closed database's instance lock again
        return
    if switch_to(window, path):
        window.statusBar().showMessage(
            f"Restored the backup of {chosen.created.astimezone():%Y-%m-%d %H:%M}; the previous "
            f"contents were kept in {safety_copy}",
            _STATUS_TIMEOUT_MS,
        )
