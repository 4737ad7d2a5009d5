"""The main window as the actions working on it see it.

File-menu actions, the automatic backup and the start-up checks need the window's
context, its status bar and a way to show another database; they take this base class
so that none of them imports ``main_window``, which imports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from ..services.context import AppContext

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QWidget

    from ..paths import AppPaths


class DatabaseWindow(QMainWindow):
    """A window showing one open database.

    Attributes:
        context: the open database and its services.
        paths: where the application keeps its files.
        undo_stack: the edits that can be undone.
    """

    context: AppContext
    paths: AppPaths
    undo_stack: QUndoStack

    def switch_context(self, context: AppContext) -> None:
        """Show another database; the old one is closed."""
        raise NotImplementedError

    def may_leave_database(self) -> bool:
        """Ask about unsaved edits before the database closes; False when Cancel was chosen."""
        raise NotImplementedError

    def page(self, key: str) -> QWidget:
        """Show an area and return its page."""
        raise NotImplementedError

    def refresh_current(self) -> None:
        """Read the area on screen again."""
        raise NotImplementedError
