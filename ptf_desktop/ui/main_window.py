"""The main window: navigation sidebar, one page per area, menus and the status bar.

It knows no business rules: pages call services through the context, and the menus and
what their actions do are in ``window_menus`` (database switching, backup and restore in
``database_actions``). It keeps every
page current: a write announced through ``changes`` makes the page on screen read again
at once and the hidden pages that show such records when they are next shown; View >
Refresh (F5) reads the page on screen again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from .. import APP_NAME
from ..paths import AppPaths
from ..services.context import AppContext
from .area_pages import AREA_SHOWS, create_page
from .changes import Changes, change_hub, made_within, refresh_page
from .pages import AREAS, WARM_UP_DELAY_MS
from .style import MAIN_WINDOW_STYLE
from .window_base import DatabaseWindow
from .window_menus import WindowMenus

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from .team import TeamControls
    from .warm_up import DayCheck, WarmUp

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
        self.menus = WindowMenus(self)
        self._build_search()
        from .shortcuts import WindowShortcuts

        self.shortcuts = WindowShortcuts(self, self.navigation, self.pages)
        self._rebuild_pages()
        self._restore_geometry()
        change_hub().changed.connect(self._on_hub_changed)
        self.team: TeamControls | None = None
        # Team sync starts once the window is up: its libraries are not needed to show it.
        QTimer.singleShot(TEAM_START_DELAY_MS, self, self._start_team)

    def _start_team(self) -> None:
        from .team import TeamControls

        if self.team is None:
            self.team = TeamControls(self, self.menus.file_menu, self.menus.quit_action)
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

    def _build_search(self) -> None:
        from .search_field import install_search_field

        self.search = install_search_field(self, self.context)
        self.search.opened.connect(self._on_search_opened)

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

    def start_warm_up(
        self, then: Callable[[], object] | None = None, day_check: DayCheck | None = None
    ) -> WarmUp:
        """Load every area's libraries in the background, the area on screen first.

        From now on a click on an area that is not loaded yet shows "Opening…" at once
        and its page when its libraries are in (see ``warm_up``); the window never waits
        for an import. ``day_check`` (the day's membership statuses, see
        ``pages/renewals/status_check``) runs in the background before the areas' data
        is read ahead, and the status bar says what it changed. ``then`` is called on
        the GUI thread when every area is loaded.
        """
        from . import opening_notice  # noqa: F401  (loaded now: a click may need it at once)
        from .warm_up import WarmUp

        self.warm_up = WarmUp(self, day_check=day_check)
        self.warm_up.day_checked.connect(self._on_day_checked)
        self.warm_up.area_loaded.connect(self._on_warm_up_area_loaded)
        self.warm_up.finished.connect(self._on_warm_up_finished)
        if then is not None:
            self.warm_up.finished.connect(then)
        self.warm_up.prefer(AREAS[max(self.navigation.currentRow(), 0)].key)
        self.warm_up.start()
        return self.warm_up

    def _on_day_checked(self, outcome: object) -> None:
        from .pages.renewals.status_check import report_statuses

        report_statuses(self, outcome)

    def _on_warm_up_finished(self) -> None:
        from .interface_fonts import add_interface_fonts_gradually

        add_interface_fonts_gradually(self)  # names in every script (see interface_fonts)

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
        left = self.pages.currentIndex()
        if 0 <= left != row and not _may_leave(self.pages.widget(left), AREAS[left].title, self):
            self.navigation.blockSignals(True)  # Cancel: stay on the unsaved form
            self.navigation.setCurrentRow(left)
            self.navigation.blockSignals(False)
            self.pages.setCurrentIndex(left)  # a page built while the question was open
            return
        if row >= 0:
            self._show_area(row)

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

    def _may_close_record_windows(self) -> bool:
        """Ask each record window with unsaved edits; False when one answered Cancel."""
        record_windows = sys.modules.get(f"{__package__}.pages.record_windows")
        # None was opened unless the module was loaded.
        return record_windows is None or record_windows.may_close_record_windows()

    def _close_record_windows(self) -> None:
        record_windows = sys.modules.get(f"{__package__}.pages.record_windows")
        if record_windows is not None:
            record_windows.close_record_windows()

    def may_leave_database(self) -> bool:
        """Ask each page and record window with unsaved edits; False when one answered Cancel.

        Asked before anything closes (the window, or this database for another one), so
        Cancel keeps every page, window and edit as it was.
        """
        for key, page in self._built.items():
            title = next(area.title for area in AREAS if area.key == key)
            if not _may_leave(page, title, self):
                return False
        return self._may_close_record_windows()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_leave_database():
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


def _may_leave(page: QWidget | None, title: str, window: MainWindow) -> bool:
    from .unsaved import may_leave  # loaded when there is a page to leave, not at start-up

    return may_leave(page, title, window)
