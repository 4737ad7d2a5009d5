"""The Help menu of the main window: getting started, about, the log folder.

Each action loads its dialog only when chosen, so the menu costs nothing at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from .. import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget

    from ..paths import AppPaths
    from .dialogs.setup_checklist import ChecklistWindow

    class MainWindow(ChecklistWindow, Protocol):
        """What the Help menu needs of the main window (no import back to it)."""

        paths: AppPaths


def fill_help_menu(window: MainWindow, menu: QMenu) -> None:
    """Add the Help actions of ``window`` to ``menu``."""
    menu.addAction("&Getting started…").triggered.connect(lambda: show_getting_started(window))
    menu.addAction(f"&About {APP_NAME}").triggered.connect(lambda: show_about(window))
    menu.addAction("Open &log folder").triggered.connect(lambda: open_log_folder(window))


def show_getting_started(window: MainWindow) -> None:
    """The getting-started checklist, beside the window."""
    from .dialogs.setup_checklist import SetupChecklistDialog

    SetupChecklistDialog(window).show()


def show_about(window: MainWindow) -> None:
    """Versions and data paths."""
    from .dialogs.about_dialog import AboutDialog

    AboutDialog(window.context, window.paths, cast("QWidget", window)).exec()


def open_log_folder(window: MainWindow) -> None:
    """The folder of the log files, in the system's file manager."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    window.paths.log_dir.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(window.paths.log_dir)))
