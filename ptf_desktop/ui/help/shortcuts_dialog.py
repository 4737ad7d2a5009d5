"""Help > Keyboard shortcuts: every shortcut of the menus, read from the menus themselves.

Read from the window's actions when opened, so the list can never disagree with what
the keys do; the few shortcuts that belong to one place (a form's Save) follow.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QMainWindow,
    QMenu,
    QWidget,
)

from ..widgets.table_model import Column, ColumnTableModel
from ..widgets.tables import list_table
from .reading_dialog import ReadingDialog

# Shortcuts that are not menu items: they act where the focus is.
LOCAL_SHORTCUTS = (
    ("Ctrl+S", "Save (Settings, an organization's record)"),
    ("Ctrl+P", "Print (a PDF preview: the document; an organization's record: what it shows)"),
    ("Down / Enter", "From a search box into its results"),
    ("Esc", "Close a dialog without saving"),
)


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str]]:
    """(keys, what they do) for every menu action with a shortcut, in menu order."""
    found: list[tuple[str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            name = action.text().replace("&", "").removesuffix("…")
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} > {name}")
                continue
            keys = ", ".join(
                key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
            )
            if keys and name:
                found.append((keys, f"{path} > {name}"))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(top, QAction) and isinstance(menu, QMenu):
            walk(menu, top.text().replace("&", ""))
    return found


SHORTCUT_COLUMNS: tuple[Column[tuple[str, str]], ...] = (
    Column("Keys", lambda row: row[0]),
    Column("What they do", lambda row: row[1]),
)


class ShortcutsDialog(ReadingDialog):
    """A two-column list: the keys, and what they do."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__("keyboardShortcuts", "Keyboard shortcuts", parent or window)
        rows = menu_shortcuts(window) + list(LOCAL_SHORTCUTS)
        self.model = ColumnTableModel(SHORTCUT_COLUMNS, self, rows=rows)
        self.table = list_table("shortcutsTable", self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._show_content(self.table, 560, 520)

    def rows(self) -> list[tuple[str, str]]:
        """What the list shows, row by row."""
        return list(self.model.rows)
