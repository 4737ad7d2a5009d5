"""The main window's keyboard: Ctrl+1..N for the areas, Ctrl+P, F1, the shortcuts list.

The area shortcuts are made from the sidebar itself, so a new area gets the next
number without anything else to change. Also connects the status bar to ``feedback``:
what was done is said there for a few seconds, then cleared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from .feedback import SHOWN_MS, feedback_hub, say

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget, QMainWindow, QStackedWidget

    from .help.guide_window import GuideWindow

# Ctrl+1 .. Ctrl+9: what a keyboard offers; areas past the ninth have no number.
_MAX_NUMBERED = 9


def _menu(window: QMainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if action.text().replace("&", "") == title and isinstance(menu, QMenu):
            return menu
    return window.menuBar().addMenu(f"&{title}")


def _action(menu: QMenu, text: str, keys: str, slot: object) -> QAction:
    action = QAction(text, menu)
    action.setShortcuts([QKeySequence(keys)])
    action.triggered.connect(slot)
    return action


class WindowShortcuts(QObject):
    """Adds the keyboard actions to a main window's menus and answers them."""

    def __init__(self, window: QMainWindow, navigation: QListWidget, pages: QStackedWidget) -> None:
        super().__init__(window)  # a child: its connections end with the window
        self._window = window
        self._navigation = navigation
        self._pages = pages
        self.guide: GuideWindow | None = None
        self.area_actions = self._add_area_actions()
        self.print_action = self._add_print_action()
        self._add_help_actions()
        feedback_hub().said.connect(self._on_feedback_said)

    def _add_area_actions(self) -> list[QAction]:
        go = _menu(self._window, "View").addMenu("&Go to")
        actions = []
        for row in range(min(self._navigation.count(), _MAX_NUMBERED)):
            title = self._navigation.item(row).text()
            action = _action(go, title, f"Ctrl+{row + 1}", lambda _=False, r=row: self.go_to(r))
            go.addAction(action)
            actions.append(action)
        return actions

    def _add_print_action(self) -> QAction:
        file_menu = _menu(self._window, "File")
        action = _action(file_menu, "&Print…", "Ctrl+P", self.print_current)
        quit_action = file_menu.actions()[-1]  # Quit stays last
        file_menu.insertAction(quit_action, action)
        file_menu.insertSeparator(quit_action)
        return action

    def _add_help_actions(self) -> None:
        help_menu = _menu(self._window, "Help")
        first = help_menu.actions()[0]
        guide = _action(help_menu, "&User guide", "F1", self.show_guide)
        shortcuts = QAction("&Keyboard shortcuts", help_menu)
        shortcuts.triggered.connect(self.show_shortcuts)
        help_menu.insertActions(first, [guide, shortcuts])
        help_menu.insertSeparator(first)

    # -- answers ------------------------------------------------------------------------------

    def go_to(self, row: int) -> None:
        """Show the area in the sidebar's row ``row``."""
        self._navigation.setCurrentRow(row)
        self._navigation.setFocus()

    def print_current(self) -> None:
        """Print what is on screen: the page's own document, else its list as shown."""
        from . import printing

        page = self._pages.currentWidget()
        own = getattr(page, "print_current", None)
        if callable(own):
            own()
            return
        table = printing.shown_table(page) if page is not None else None
        row = self._navigation.currentRow()
        title = self._navigation.item(row).text() if row >= 0 else ""
        if table is None:
            say(f"Nothing to print in {title}")
        elif printing.print_table(table, title, self._window):
            say(f"Printed the {title} list")

    def show_guide(self) -> None:
        """Open the user guide beside the window (F1)."""
        from .help.guide_window import GuideWindow

        if self.guide is None:
            self.guide = GuideWindow(self._window)
        self.guide.show()
        self.guide.activateWindow()  # already open: brought forward

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts."""
        from .help.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self._window).exec()

    def _on_feedback_said(self, message: str) -> None:
        self._window.statusBar().showMessage(message, SHOWN_MS)
