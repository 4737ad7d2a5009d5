"""Opening the database at start-up, and what to offer when it cannot be used."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..services.context import AppContext
from ..services.errors import DatabaseProblem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def open_database_interactively(
    path: Path, parent: QWidget | None = None, *, create: bool = True
) -> AppContext | None:
    """Open a database; on a problem explain it and let the user choose what to do.

    Args:
        path: the database file.
        parent: the window the questions belong to.
        create: create the file when it is missing (the default database); a path the
            person gave is not created silently: a mistyped name is explained instead.

    Returns:
        The opened context, or None when the user chose to quit (or not to open a file
        that another window has open).
    """
    from .instance_lock import open_for_window

    while True:
        try:
            return open_for_window(path, parent, create=create)
        except DatabaseProblem as problem:
            log.warning("Cannot open %s: %s", path, problem)
            choice = _ask_what_to_do(problem, parent)
        if choice is None:
            return None
        # Only a name chosen in the New database dialog is created.
        create = choice != path and not choice.exists()
        path = choice


def _ask_what_to_do(problem: DatabaseProblem, parent: QWidget | None) -> Path | None:
    """Explain the problem; return the next file to try, or None to quit."""
    # Imported here: they are needed only when something is wrong, not at every start.
    from PySide6.QtWidgets import QMessageBox

    from ..services import database_service
    from .file_dialogs import ask_database_to_create, ask_database_to_open

    good = database_service.newest_good_backup(problem.path) if problem.can_restore else None
    backups = [] if good is None else [good]
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("The database cannot be opened")
    box.setText(str(problem))
    restore = None
    if backups:
        newest = backups[0]
        restore = box.addButton("Restore newest backup", QMessageBox.ButtonRole.AcceptRole)
        box.setInformativeText(
            f"The newest sound backup is from {newest.created.astimezone():%Y-%m-%d %H:%M}. "
            "Restoring it keeps a copy of the damaged file in the backups folder."
        )
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
