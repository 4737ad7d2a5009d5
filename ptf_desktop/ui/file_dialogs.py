"""File choosers for database files, remembering the last folder in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

_FILTER = "PTF Desktop databases (*.sqlite *.db);;All files (*)"
_LAST_FOLDER = "files/last_database_folder"


def ask_database_to_open(parent: QWidget | None, folder: Path) -> Path | None:
    """Ask for an existing database file; None when cancelled."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Open database", str(_last_folder(folder)), _FILTER
    )
    return _remember(chosen)


def ask_database_to_create(parent: QWidget | None, folder: Path) -> Path | None:
    """Ask where to create a new database file; None when cancelled.

    An existing file is refused: creating must never open (or overwrite) old data.
    """
    start = _last_folder(folder) / "ptf-desktop.sqlite"
    while True:
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            "New database",
            str(start),
            _FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen and not Path(chosen).suffix:
            chosen += ".sqlite"
        if not chosen or not Path(chosen).exists():
            return _remember(chosen)
        QMessageBox.warning(
            parent,
            "New database",
            f"{chosen} already exists. Choose a new name, or use File > Open database to open it.",
        )
        start = Path(chosen)


def _last_folder(default: Path) -> Path:
    value = QSettings().value(_LAST_FOLDER, str(default))
    return Path(str(value))


def _remember(chosen: str) -> Path | None:
    if not chosen:
        return None
    path = Path(chosen)
    QSettings().setValue(_LAST_FOLDER, str(path.parent))
    return path
