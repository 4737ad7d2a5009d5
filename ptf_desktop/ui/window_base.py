"""The main window as the actions working on it see it.

File-menu actions, the automatic backup and the start-up checks need the window's
context, its status bar and a way to show another database; they take this base class
so that none of them imports ``main_window``, which imports them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from ..services.context import AppContext


class DatabaseWindow(QMainWindow):
    """A window showing one open database.

    Attributes:
        context: the open database and its services.
    """

    context: AppContext

    def switch_context(self, context: AppContext) -> None:
        """Show another database; the old one is closed."""
        raise NotImplementedError
