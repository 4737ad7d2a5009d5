"""The main window: navigation sidebar, one page per area, menus and the status bar.

It knows no business rules: pages call services through the context, and database
switching, backup and restore are delegated to ``database_actions``. It keeps every
page current: a write announced through ``changes`` makes the page on screen read again
at once and the hidden pages that show such records when they are next shown; View >
Refresh (F5) reads the page on screen again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStackedWidget,
    QWidget,
)

from .. import APP_NAME
from ..paths import AppPaths
from ..services.context import AppContext
from .area_pages import AREA_SHOWS, create_page
from .changes import Changes, change_hub, made_within, refresh_page
from .help_menu import fill_help_menu
from .pages import AREAS, WARM_UP_DELAY_MS
from .style import MAIN_WINDOW_STYLE
from .window_base import DatabaseWindow

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from .team import TeamControls
    from .warm_up import WarmUp

_GEOMETRY = "main_window/geometry"
TEAM_START_DELAY_MS = 1000


class MainWindow(DatabaseWindow):
    """The application window for one open database."""

    def __init__(self, context: AppContext, paths: AppPaths) -> None:
        super().__init__()
        self.context = context
        self.paths = paths
        self.undo_stack = QUndoStack(self)
        self.warm_up: WarmUp | None = None
        self.setObjectName("mainWindow")
        self.setStyleSheet(MAIN_WINDOW_STYLE)
        self.navigation = self._build_navigation()
        self.pages = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.database_label)
        self._build_menus()
        self._build_search()
        from .shortcuts import WindowShortcuts
        from .wheel_guard import install_wheel_guard

        self.shortcuts = WindowShortcuts(self, self.navigation, self.pages)
        install_wheel_guard()
        self._rebuild_pages()
        self._restore_geometry()
        change_hub().changed.connect(self._on_hub_changed)
        self.team: TeamControls | None = None
        # Team sync starts once the window is up: its libraries are not needed to show it.
        QTimer.singleShot(TEAM_START_DELAY_MS, self, self._start_team)

    def _start_team(self) -> None:
        from .team import TeamControls

        if self.team is None:
            self.team = TeamControls(self, self._file_menu, self._quit_action)
            self.team.start()

    # -- building ---------------------------------------------------------------------------

    def _build_navigation(self) -> QListWidget:
        navigation = QListWidget()
        navigation.setObjectName("navigation")
        navigation.setIconSize(QSize(22, 22))
        navigation.setFixedWidth(200)
        for area in AREAS:
            item = QListWidgetItem(area.title)
            item.setToolTip(area.summary)
            navigation.addItem(item)
        from .sidebar_icons import SidebarIcons

        self.sidebar_icons = SidebarIcons(navigation, [area.icon for area in AREAS])
        navigation.currentRowChanged.connect(self._on_navigation_current_row_changed)
        return navigation

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._add_action(
            file_menu,
            "&New database…",
            self._on_new_database_triggered,
            QKeySequence.StandardKey.New,
        )
        self._add_action(
            file_menu,
            "&Open database…",
            self._on_open_database_triggered,
            QKeySequence.StandardKey.Open,
        )
        file_menu.addSeparator()
        self._add_action(file_menu, "&Back up now", self._on_back_up_triggered, "Ctrl+B")
        self._add_action(file_menu, "&Restore from backup…", self._on_restore_triggered)
        file_menu.addSeparator()
        self._add_action(file_menu, "&Import another register…", self._on_import_register_triggered)
        export_menu = file_menu.addMenu("&Export")
        self._add_action(export_menu, "&Members landscape…", self._on_export_landscape_triggered)
        file_menu.addSeparator()
        self._file_menu = file_menu
        self._quit_action = self._add_action(
            file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit
        )

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addActions([undo, redo])

        view_menu = self.menuBar().addMenu("&View")
        self._add_action(view_menu, "&Refresh", self.refresh_current, "F5")

        # Filled when first opened: the report catalog is not needed to show the window.
        self.reports_menu = self.menuBar().addMenu("&Reports")
        self.reports_menu.aboutToShow.connect(self._on_reports_menu_about_to_show)

        fill_help_menu(self, self.menuBar().addMenu("&Help"))

    def _build_search(self) -> None:
        from .search_field import install_search_field

        self.search = install_search_field(self, self.context)
        self.search.opened.connect(self._on_search_opened)

    def _add_action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        # setShortcuts, not setShortcut: the latter makes PySide6 build its whole Qt
        # namespace at start-up (15-20 ms measured by benchmarks/startup.py).
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcuts([QKeySequence(shortcut)])
        return action

    def _rebuild_pages(self) -> None:
        """(Re)create every page for the current context; pages are built when first shown."""
        while (page := self.pages.widget(0)) is not None:
            self.pages.removeWidget(page)
            page.deleteLater()
        self._built: dict[str, QWidget] = {}
        self._stale: set[str] = set()  # built pages to read again when next shown
        for _ in AREAS:
            # A blank placeholder until the area is first shown (no Qt namespace enums:
            # loading them costs start-up tens of milliseconds).
            self.pages.addWidget(QWidget())
        self.undo_stack.clear()
        self.database_label.setText(f"Database: {self.context.path}")
        read_only = " (read-only)" if self.context.read_only else ""
        self.setWindowTitle(f"{self.context.path.name}{read_only} — {APP_NAME}")
        current = max(self.navigation.currentRow(), 0)
        self.navigation.setCurrentRow(current)
        self._show_area(current)

    def start_warm_up(self, then: Callable[[], object] | None = None) -> WarmUp:
        """Load every area's libraries in the background, the area on screen first.

        From now on a click on an area that is not loaded yet shows "Opening…" at once
        and its page when its libraries are in (see ``warm_up``); the window never waits
        for an import. ``then`` is called on the GUI thread when every area is loaded.
        """
        from . import opening_notice  # noqa: F401  (loaded now: a click may need it at once)
        from .warm_up import WarmUp

        self.warm_up = WarmUp(self)
        self.warm_up.area_loaded.connect(self._on_warm_up_area_loaded)
        if then is not None:
            self.warm_up.finished.connect(then)
        self.warm_up.prefer(AREAS[max(self.navigation.currentRow(), 0)].key)
        self.warm_up.start()
        return self.warm_up

    def _show_area(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        key = AREAS[row].key
        if key in self._built:
            self._refresh_if_stale(key)  # changes made while it was hidden
            return
        if self.warm_up is not None and not self.warm_up.is_loaded(key):
            self.warm_up.prefer(key)
            self._show_opening_notice(row)
            return
        if not self.isVisible():
            # The first page is built once the window is on screen and idle: the window
            # appears at once, its page a moment later.
            QTimer.singleShot(WARM_UP_DELAY_MS, self, lambda: self._build_shown_area(row))
            return
        self._build_area(row)
        self.pages.setCurrentIndex(row)

    def _build_shown_area(self, row: int) -> None:
        if self.navigation.currentRow() == row and AREAS[row].key not in self._built:
            if self.warm_up is not None and not self.warm_up.is_loaded(AREAS[row].key):
                self._show_area(row)  # the warm-up builds it when its libraries are in
                return
            self._build_area(row)
            self.pages.setCurrentIndex(row)

    def _on_warm_up_area_loaded(self, key: str) -> None:
        row = self.navigation.currentRow()
        if row >= 0 and AREAS[row].key == key and key not in self._built:
            self._build_area(row)
            self.pages.setCurrentIndex(row)

    def _show_opening_notice(self, row: int) -> None:
        """Say, on the area's placeholder, that the area is opening."""
        placeholder = self.pages.widget(row)
        if placeholder is None or placeholder.layout() is not None:
            return
        from .opening_notice import fill_opening_notice

        fill_opening_notice(placeholder, AREAS[row])

    def _build_area(self, row: int) -> None:
        area = AREAS[row]
        if area.key not in self._built:
            page = create_page(
                area,
                self.context,
                self.undo_stack,
                open_filtered=self.open_filtered,
                show_invoice=self._on_quotes_invoice_created,
            )
            placeholder = self.pages.widget(row)
            self.pages.insertWidget(row, page)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self._built[area.key] = page

    def _on_search_opened(self, hit: object) -> None:
        from .pages.search_opener import open_hit

        open_hit(self.context, self.undo_stack, hit, self)  # type: ignore[arg-type]

    def _on_quotes_invoice_created(self, invoice_id: object) -> None:
        # An accepted quote's invoice is the next thing to look at: show it, selected.
        invoices = self.page("invoices")
        invoices.refresh(invoice_id)  # type: ignore[attr-defined]

    def built_page(self, key: str) -> QWidget | None:
        """The page of an area if it was built (it is not built by this call)."""
        return self._built.get(key)

    def page(self, key: str) -> QWidget:
        """The page of an area, built if needed (used by tests and navigation)."""
        row = next(index for index, area in enumerate(AREAS) if area.key == key)
        self.navigation.setCurrentRow(row)
        self._build_area(row)
        self.pages.setCurrentIndex(row)
        return self._built[key]

    # -- staying current -----------------------------------------------------------------------

    def refresh_current(self) -> None:
        """Read the area on screen again (View > Refresh, F5)."""
        key = AREAS[max(self.navigation.currentRow(), 0)].key
        if key in self._built:
            self._stale.discard(key)
            refresh_page(self._built[key])

    def _on_hub_changed(self, changes: Changes, initiator: object) -> None:
        current = self.pages.currentWidget()
        for key, page in self._built.items():
            if not changes & AREA_SHOWS[key] or made_within(initiator, page):
                continue
            if page is current and self.isVisible():
                refresh_page(page)
            else:  # hidden pages read nothing now, only when shown
                self._stale.add(key)

    def _refresh_if_stale(self, key: str) -> None:
        if key in self._stale and key in self._built:
            self._stale.discard(key)
            refresh_page(self._built[key])

    def open_filtered(self, key: str, filters: dict[str, object]) -> None:
        """Show an area's list narrowed by filters (pages that take them have apply_filter)."""
        page = self.page(key)
        apply_filter = getattr(page, "apply_filter", None)
        if apply_filter is not None:
            apply_filter(filters)

    # -- database ---------------------------------------------------------------------------

    def switch_context(self, context: AppContext) -> None:
        """Show another database: the old one is closed and every page rebuilt."""
        self._stop_tasks()  # nothing may still read the old database
        self._close_record_windows()
        self.context.close()
        self.context = context
        self.search.set_context(context)
        self._rebuild_pages()
        if self.team is not None:
            self.team.switch(context)

    # -- slots ------------------------------------------------------------------------------

    def _on_navigation_current_row_changed(self, row: int) -> None:
        from .unsaved import may_leave

        left = self.pages.currentIndex()
        if 0 <= left != row and not may_leave(self.pages.widget(left), AREAS[left].title, self):
            self.navigation.blockSignals(True)  # Cancel: stay on the unsaved form
            self.navigation.setCurrentRow(left)
            self.navigation.blockSignals(False)
            self.pages.setCurrentIndex(left)  # a page built while the question was open
            return
        if row >= 0:
            self._show_area(row)

    def _on_new_database_triggered(self) -> None:
        from . import database_actions  # only when used: keeps start-up short

        database_actions.create_database(self)

    def _on_open_database_triggered(self) -> None:
        from . import database_actions  # only when used: keeps start-up short

        database_actions.open_other_database(self)

    def _on_back_up_triggered(self) -> None:
        from . import database_actions  # only when used: keeps start-up short

        database_actions.back_up_now(self)

    def _on_import_register_triggered(self) -> None:
        from .changes import announce
        from .dialogs.register_import_dialog import import_another_register

        result = import_another_register(self, self.context)
        if result is not None:
            announce(Changes.ORGANIZATIONS | Changes.MEMBERSHIPS, initiator=self)
            self.statusBar().showMessage(result.summary(), 8000)

    def _on_restore_triggered(self) -> None:
        from . import database_actions  # only when used: keeps start-up short

        database_actions.restore_from_backup(self)

    def _on_export_landscape_triggered(self) -> None:
        from .export_actions import export_landscape

        export_landscape(self)

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
        ReportsDialog(self.context, name, self).exec()

    # -- state ------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value(_GEOMETRY)
        # restoreGeometry refuses what is not a saved geometry (no QByteArray type check:
        # that class alone costs start-up a millisecond).
        try:
            restored = bool(geometry) and self.restoreGeometry(geometry)
        except TypeError:  # not bytes at all: the settings file was edited by hand
            restored = False
        if not restored:
            self.resize(1100, 720)

    def _stop_tasks(self) -> None:
        """Stop the tasks in worker threads (exports remove their partial files), wait for them.

        No task exists unless the runner's module was loaded: importing it only to find
        none would cost a quick start-and-quit tens of milliseconds (its Qt enums).
        """
        tasks = sys.modules.get(f"{__package__}.tasks")
        if tasks is not None:
            tasks.stop_tasks()

    def _close_record_windows(self) -> None:
        record_windows = sys.modules.get(f"{__package__}.pages.record_windows")
        if record_windows is not None:  # none was opened unless it was loaded
            record_windows.close_record_windows()

    def closeEvent(self, event: QCloseEvent) -> None:
        from .unsaved import may_leave

        for key, page in self._built.items():
            title = next(area.title for area in AREAS if area.key == key)
            if not may_leave(page, title, self):
                event.ignore()  # Cancel: the window stays open with the edits
                return
        if self.warm_up is not None:
            self.warm_up.stop()  # first: it may be importing the record windows' module
        self._close_record_windows()
        QSettings().setValue(_GEOMETRY, self.saveGeometry())
        if self.team is not None:
            self.team.stop()
        self._stop_tasks()
        self.context.close()
        super().closeEvent(event)
