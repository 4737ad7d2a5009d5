"""The main window's menu bar: File, Edit, View, Reports and Help, and what File does.

Each action loads what it needs only when chosen (database actions, the import and
export dialogs, the report catalog), so the menus cost start-up nothing but themselves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from .changes import Changes, announce
from .help_menu import fill_help_menu
from .window_base import DatabaseWindow


def add_action(
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
) -> QAction:
    """Add an action calling ``slot`` to ``menu``, with a standard or written shortcut."""
    action = menu.addAction(text)
    action.triggered.connect(slot)
    # setShortcuts, not setShortcut: the latter makes PySide6 build its whole Qt
    # namespace at start-up (15-20 ms measured by benchmarks/startup.py).
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcuts([QKeySequence(shortcut)])
    return action


class WindowMenus(QObject):
    """The menus of a main window and the slots of the File and Reports menus.

    Attributes:
        file_menu: the File menu (team sync adds its actions to it).
        quit_action: File > Quit, the last action of the File menu.
        reports_menu: one action per report of the catalog, filled when first opened.
    """

    def __init__(self, window: DatabaseWindow) -> None:
        super().__init__(window)
        self._window = window
        self.file_menu = self._build_file_menu()
        self._build_edit_menu()
        view_menu = window.menuBar().addMenu("&View")
        add_action(view_menu, "&Refresh", window.refresh_current, "F5")
        # Filled when first opened: the report catalog is not needed to show the window.
        self.reports_menu = window.menuBar().addMenu("&Reports")
        self.reports_menu.aboutToShow.connect(self._on_reports_menu_about_to_show)
        fill_help_menu(window, window.menuBar().addMenu("&Help"))

    def _build_file_menu(self) -> QMenu:
        menu = self._window.menuBar().addMenu("&File")
        add_action(menu, "&New database…", self._on_new_database_triggered,
                   QKeySequence.StandardKey.New)  # fmt: skip
        add_action(menu, "&Open database…", self._on_open_database_triggered,
                   QKeySequence.StandardKey.Open)  # fmt: skip
        menu.addSeparator()
        add_action(menu, "&Back up now", self._on_back_up_triggered, "Ctrl+B")
        add_action(menu, "&Restore from backup…", self._on_restore_triggered)
        menu.addSeparator()
        add_action(menu, "&Import another register…", self._on_import_register_triggered)
        export_menu = menu.addMenu("&Export")
        add_action(export_menu, "&Members landscape…", self._on_export_landscape_triggered)
        menu.addSeparator()
        self.quit_action = add_action(
            menu, "&Quit", self._window.close, QKeySequence.StandardKey.Quit
        )
        return menu

    def _build_edit_menu(self) -> None:
        edit_menu = self._window.menuBar().addMenu("&Edit")
        undo_stack = self._window.undo_stack
        undo = undo_stack.createUndoAction(self._window, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = undo_stack.createRedoAction(self._window, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addActions([undo, redo])

    def _on_new_database_triggered(self) -> None:
        from . import database_actions  # only when used: keeps start-up short

        database_actions.create_database(self._window)

    def _on_open_database_triggered(self) -> None:
        from . import database_actions

        database_actions.open_other_database(self._window)

    def _on_back_up_triggered(self) -> None:
        from . import database_actions

        database_actions.back_up_now(self._window)

    def _on_restore_triggered(self) -> None:
        from . import database_actions

        database_actions.restore_from_backup(self._window)

    def _on_import_register_triggered(self) -> None:
        from .dialogs.register_import_dialog import import_another_register

        result = import_another_register(self._window, self._window.context)
        if result is not None:
            announce(Changes.ORGANIZATIONS | Changes.MEMBERSHIPS, initiator=self._window)
            self._window.statusBar().showMessage(result.summary(), 8000)

    def _on_export_landscape_triggered(self) -> None:
        from .export_actions import export_landscape

        export_landscape(self._window)

    def _on_reports_menu_about_to_show(self) -> None:
        if self.reports_menu.actions():
            return
        from ..services.reports.catalog import report_definitions

        for definition in report_definitions():
            action = self.reports_menu.addAction(f"{definition.title}…")
            action.setData(definition.name)
            action.triggered.connect(self._on_report_action_triggered)

    def _on_report_action_triggered(self) -> None:
        from .dialogs.reports_dialog import ReportsDialog

        action = self.sender()
        name = action.data() if isinstance(action, QAction) else None
        ReportsDialog(self._window.context, name, self._window).exec()
