"""File menu actions on the database: new, open, back up now, restore from a backup."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox

from ..services import database_service
from ..services.context import open_context
from ..services.errors import DatabaseProblem
from .file_dialogs import ask_database_to_create, ask_database_to_open

if TYPE_CHECKING:
    from .main_window import MainWindow

_STATUS_TIMEOUT_MS = 10_000


def create_database(window: MainWindow) -> None:
    """Ask for a new file name, create the database there and switch to it."""
    path = ask_database_to_create(window, window.context.path.parent)
    if path is not None:
        switch_to(window, path)


def open_other_database(window: MainWindow) -> None:
    """Ask for an existing database file and switch to it."""
    path = ask_database_to_open(window, window.context.path.parent)
    if path is not None:
        switch_to(window, path)


def switch_to(window: MainWindow, path: Path) -> bool:
    """Open the database at path and show it; on a problem keep the current one and explain."""
    try:
        context = open_context(path)
    except DatabaseProblem as problem:
        QMessageBox.critical(window, "Cannot open the database", str(problem))
        return False
    window.switch_context(context)
    verb = "Created" if context.database.created else "Opened"
    window.statusBar().showMessage(f"{verb} {context.path}", _STATUS_TIMEOUT_MS)
    return True


def back_up_now(window: MainWindow) -> None:
    """Write a backup of the open database into its backups folder."""
    try:
        written = database_service.back_up(window.context.path)
    except DatabaseProblem as problem:
        QMessageBox.critical(window, "Backup failed", str(problem))
        return
    window.statusBar().showMessage(f"Backup written to {written}", _STATUS_TIMEOUT_MS)


def restore_from_backup(window: MainWindow) -> None:
    """Let the user pick a backup and restore it, keeping a copy of the current contents."""
    from .dialogs.restore_dialog import RestoreDialog

    path = window.context.path
    dialog = RestoreDialog(database_service.list_backups(path), window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.selected_backup() is None:
        return
    chosen = dialog.selected_backup()
    assert chosen is not None
    window.context.close()
    try:
        safety_copy = database_service.restore(path, chosen.path)
    except DatabaseProblem as problem:
        QMessageBox.critical(
            window, "Restore failed", f"{problem}\n\nThe database was not changed."
        )
        return
    if switch_to(window, path):
        window.statusBar().showMessage(
            f"Restored the backup of {chosen.created.astimezone():%Y-%m-%d %H:%M}; the previous "
            f"contents were kept in {safety_copy}",
            _STATUS_TIMEOUT_MS,
        )
