"""Opening the database at start-up, and what to offer when it cannot be used."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..services.context import AppContext, open_context
from ..services.errors import DatabaseProblem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def open_database_interactively(path: Path, parent: QWidget | None = None) -> AppContext | None:
    """Open a database; on a problem explain it and let the user choose what to do.

    Returns:
        The opened context, or None when the user chose to quit.
    """
    while True:
        try:
            return open_context(path)
        except DatabaseProblem as problem:
            log.warning("Cannot open %s: %s", path, problem)
            choice = _ask_what_to_do(problem, parent)
        if choice is None:
            return None
        path = choice


def _ask_what_to_do(problem: DatabaseProblem, parent: QWidget | None) -> Path | None:
    """Explain the problem; return the next file to try, or None to quit."""
    # Imported here: they are needed only when something is wrong, not at every start.
    from PySide6.QtWidgets import QMessageBox

    from ..services import database_service
    from .file_dialogs import ask_database_to_create, ask_database_to_open

    backups = database_service.list_backups(problem.path) if problem.can_restore else []
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("The database cannot be opened")
    box.setText(str(problem))
    restore = None
    if backups:
        newest = backups[0]
        box.setInformativeText(
            f"The newest backup is from {newest.created.astimezone():%Y-%m-%d %H:%M}. Restoring "
            "it keeps a copy of the damaged file in the backups folder."
        )
        restore = box.addButton("Restore newest backup", QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton("Open another file…", QMessageBox.ButtonRole.ActionRole)
    new = box.addButton("Create a new database…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        try:
            database_service.restore(problem.path, backups[0].path)
        except DatabaseProblem as failure:
            QMessageBox.critical(parent, "Restore failed", str(failure))
        return problem.path
    if clicked is other:
        return ask_database_to_open(parent, problem.path.parent) or problem.path
    if clicked is new:
        return ask_database_to_create(parent, problem.path.parent) or problem.path
    return None
