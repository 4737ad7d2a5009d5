"""The main window: navigation sidebar, one page per area, menus and the status bar.

It knows no business rules: pages call services through the context, and database
switching, backup and restore are delegated to ``database_actions``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from .. import APP_NAME
from ..paths import AppPaths
from ..resources import resource_path
from ..services.context import AppContext
from .pages import AREAS, Area
from .style import MAIN_WINDOW_STYLE
from .warm_up import WARM_UP_DELAY_MS

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

_GEOMETRY = "main_window/geometry"


class MainWindow(QMainWindow):
    """The application window for one open database."""

    def __init__(self, context: AppContext, paths: AppPaths) -> None:
        super().__init__()
        self.context = context
        self.paths = paths
        self.undo_stack = QUndoStack(self)
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
        self._rebuild_pages()
        self._restore_geometry()

    # -- building ---------------------------------------------------------------------------

    def _build_navigation(self) -> QListWidget:
        navigation = QListWidget()
        navigation.setObjectName("navigation")
        navigation.setIconSize(QSize(22, 22))
        navigation.setFixedWidth(200)
        for area in AREAS:
            item = QListWidgetItem(QIcon(str(resource_path(area.icon))), area.title)
            item.setToolTip(area.summary)
            navigation.addItem(item)
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
        export_menu = file_menu.addMenu("&Export")
        self._add_action(export_menu, "&Members landscape…", self._on_export_landscape_triggered)
        file_menu.addSeparator()
        self._add_action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addActions([undo, redo])

        # Filled when first opened: the report catalog is not needed to show the window.
        self.reports_menu = self.menuBar().addMenu("&Reports")
        self.reports_menu.aboutToShow.connect(self._on_reports_menu_about_to_show)

        help_menu = self.menuBar().addMenu("&Help")
        self._add_action(help_menu, f"&About {APP_NAME}", self._on_about_triggered)
        self._add_action(help_menu, "Open &log folder", self._on_open_log_folder_triggered)

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

    def _show_area(self, row: int) -> None:
        if not self.isVisible() and AREAS[row].key not in self._built:
            # The first page is built once the window is on screen and idle, as the
            # libraries' warm-up is: the window appears at once, its page a moment later.
            QTimer.singleShot(WARM_UP_DELAY_MS, self, lambda: self._build_shown_area(row))
            self.pages.setCurrentIndex(row)
            return
        self._build_area(row)
        self.pages.setCurrentIndex(row)

    def _build_shown_area(self, row: int) -> None:
        if self.navigation.currentRow() == row:
            self._build_area(row)
            self.pages.setCurrentIndex(row)

    def _build_area(self, row: int) -> None:
        area = AREAS[row]
        if area.key not in self._built:
            page = self._create_page(area)
            placeholder = self.pages.widget(row)
            self.pages.insertWidget(row, page)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self._built[area.key] = page

    def _create_page(self, area: Area) -> QWidget:
        if area.key == "dashboard":
            from .pages.dashboard.page import DashboardPage

            dashboard = DashboardPage(self.context)
            dashboard.open_list.connect(self.open_filtered)
            return dashboard
        if area.key == "settings":
            from .pages.settings_page import SettingsPage

            return SettingsPage(
                self.context.settings,
                self.context.audit,
                self.undo_stack,
                signing=self.context.certificate_settings,
                fees=self.context.fees,
                documents=self.context.document_settings,
            )
        if area.key == "organizations":
            from .pages.organizations.list_page import OrganizationsPage

            return OrganizationsPage(self.context, self.undo_stack)
        if area.key == "invoices":
            from .pages.billing.invoices_page import InvoicesPage

            return InvoicesPage(self.context)
        if area.key == "quotes":
            from .pages.billing.quotes_page import QuotesPage

            quotes = QuotesPage(self.context)
            quotes.invoice_created.connect(self._on_quotes_invoice_created)
            return quotes
        if area.key == "certificates":
            from .pages.certificates.certificates_page import CertificatesPage

            return CertificatesPage(self.context)
        if area.key == "renewals":
            from .pages.renewals.page import RenewalsPage

            return RenewalsPage(self.context)
        raise ValueError(f"no page for the area {area.key!r}")

    def _on_quotes_invoice_created(self, invoice_id: object) -> None:
        # An accepted quote's invoice is the next thing to look at: show it, selected.
        invoices = self.page("invoices")
        invoices.refresh(invoice_id)  # type: ignore[attr-defined]

    def page(self, key: str) -> QWidget:
        """The page of an area, built if needed (used by tests and navigation)."""
        row = next(index for index, area in enumerate(AREAS) if area.key == key)
        self.navigation.setCurrentRow(row)
        self._build_area(row)
        self.pages.setCurrentIndex(row)
        return self._built[key]

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
        self.context.close()
        self.context = context
        self._rebuild_pages()

    # -- slots ------------------------------------------------------------------------------

    def _on_navigation_current_row_changed(self, row: int) -> None:
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

    def _on_about_triggered(self) -> None:
        from .dialogs.about_dialog import AboutDialog

        AboutDialog(self.context, self.paths, self).exec()

    def _on_open_log_folder_triggered(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        self.paths.log_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.log_dir)))

    # -- state ------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value(_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)

    def _stop_tasks(self) -> None:
        """Stop the tasks in worker threads (exports remove their partial files), wait for them.

        No task exists unless the runner's module was loaded: importing it only to find
        none would cost a quick start-and-quit tens of milliseconds (its Qt enums).
        """
        tasks = sys.modules.get(f"{__package__}.tasks")
        if tasks is not None:
            tasks.stop_tasks()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  (Qt's name)
        QSettings().setValue(_GEOMETRY, self.saveGeometry())
        self._stop_tasks()
        self.context.close()
        super().closeEvent(event)
