"""The Organizations page: search, filter and sort the register, open, add, import, export.

The table model pages through the register in SQL, so the page stays responsive with
100,000 organizations. After anything that may change the register (the editor saving,
an import, demo data, undo and redo) the list is read again, keeping the selection.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ....services.context import AppContext
from ....services.errors import DatabaseProblem
from ....services.register.organization_records import OrganizationQuery, OrganizationRow
from ...area_data import area_data, read_register
from ...changes import Changes, announce
from ...style import ERROR
from ...widgets.tables import select_only_row
from .display import format_count, organizations_count_text
from .empty_state import EmptyRegisterView
from .export_action import export_organizations
from .filter_bar import OrganizationFilterBar
from .merge_actions import MergeActions
from .table_model import OrganizationTableModel

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from .demo_loading import DemoLoading

# Initial column widths in average characters; the last column takes what is left.
_COLUMN_CHARACTERS = (38, 10, 12, 16, 13, 12)


class OrganizationsPage(QWidget):
    """The list of organizations, or an invitation to add some when there are none."""

    DEMO_ORGANIZATIONS = 500

    def __init__(
        self, context: AppContext, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_organizations")
        self.context = context
        self.undo_stack = undo_stack
        self.registered = 0  # organizations in the register, whatever the filters
        self._stale = False
        self._problem: str | None = None  # a database problem met by the last query
        self._select_after_refresh: uuid.UUID | None = None
        self._demo_loading: DemoLoading | None = None
        self.model = OrganizationTableModel(context.organization_queries, self)
        self.filters = OrganizationFilterBar()
        self.table = self._build_table()
        self.count_label = QLabel()
        self.count_label.setObjectName("organizationCount")
        self.new_button = QPushButton("New organization")
        self.import_button = QPushButton("Import CSV…")
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Save the organizations listed (as filtered) to CSV or Excel")
        self.board_button = QPushButton("Governing Board…")
        self.board_button.setToolTip("Who sits on the board, and the seats General members elect")
        self.duplicates_button = QPushButton("Possible duplicates…")
        self.duplicates_button.setToolTip(
            "Organizations recorded twice (same tax ID, name and country, or website), to merge"
        )
        self.empty_state = EmptyRegisterView()
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)  # several changes at once: one refresh
        self.refresh_timer.setInterval(0)
        self._lay_out()
        self._connect()
        self.merge_actions = MergeActions(self)
        self._show_first_page()
        self._update_state()

    # -- building ---------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("organizationTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows for the bulk actions of the context menu (export, delete, merge).
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = table.verticalHeader()
        rows.hide()
        # Equal, fixed row heights spare the view measuring every row it fetches.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        width = table.fontMetrics().averageCharWidth()
        for column, characters in enumerate(_COLUMN_CHARACTERS):
            header.resizeSection(column, characters * width + 16)
        # Without an indicator set first, enabling sorting would sort by name descending.
        header.setSortIndicator(OrganizationTableModel.NAME, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        return table

    def _lay_out(self) -> None:
        title = QLabel("Organizations")
        title.setObjectName("pageTitle")
        self.new_button.setDefault(True)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for button in self._top_buttons():
            top.addWidget(button)
        list_view = QWidget()
        list_layout = QVBoxLayout(list_view)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.filters)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.count_label)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_view)
        self.stack.addWidget(self.empty_state)
        self.list_view = list_view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def _top_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.duplicates_button, self.board_button, self.new_button, self.import_button,
            self.export_button,
        )  # fmt: skip

    def _connect(self) -> None:
        self.filters.changed.connect(self._on_filters_changed)
        self.model.failed.connect(self._on_model_failed)
        self.model.counted.connect(self._on_model_counted)
        self.table.activated.connect(self._on_table_activated)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._on_delete_selected_triggered)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.board_button.clicked.connect(self._on_board_button_clicked)
        self.empty_state.new_button.clicked.connect(self._on_new_button_clicked)
        self.empty_state.import_button.clicked.connect(self._on_import_button_clicked)
        self.empty_state.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.refresh_timer.timeout.connect(self._on_refresh_timer_timeout)
        # Undo and redo of an edit change the register behind the list's back.
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._on_find_shortcut_activated)

    # -- state ------------------------------------------------------------------------------

    def selected_id(self) -> uuid.UUID | None:
        """The organization selected in the list, if any (the current one of several)."""
        rows = self.table.selectionModel().selectedRows()
        current = self.table.currentIndex()
        if current.isValid() and any(index.row() == current.row() for index in rows):
            return self.model.organization_at(current.row()).id
        return self.model.organization_at(rows[0].row()).id if rows else None

    def selected_rows(self) -> list[OrganizationRow]:
        """The organizations selected, in the list's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.organization_at(row) for row in rows]

    def refresh(self, select: uuid.UUID | None = None) -> None:
        """Read the register again and show it, keeping (or moving to) a selection."""
        selected = select or self.selected_id()
        self._problem = None
        self._read_register()
        self.model.refresh()
        self._update_state()
        row = self.model.row_of(selected) if selected else None
        if row is not None:
            select_only_row(self.table, row)

    def _show_first_page(self) -> None:
        """The register's first page and counts: read ahead by the warm-up, or now."""
        query = self.filters.apply_to(OrganizationQuery())
        try:
            summary = area_data().take(self.context, "organizations")
            if summary is None or summary.query != query:
                summary = read_register(self.context)
        except DatabaseProblem as problem:
            self._on_model_failed(str(problem))
            self.model.set_query(query)
            return
        self.registered = summary.registered
        self.filters.set_countries(summary.countries)
        self.model.show_first_page(query, summary.rows, summary.total)

    def _read_register(self) -> None:
        """How many organizations there are in all, and the countries to filter by."""
        queries = self.context.organization_queries
        try:
            self.registered = queries.count(OrganizationQuery())
            countries = queries.countries()
        except DatabaseProblem as problem:
            self._on_model_failed(str(problem))
            return
        self.filters.set_countries(countries)

    def _update_state(self) -> None:
        empty = self.registered == 0
        self.stack.setCurrentWidget(self.empty_state if empty else self.list_view)
        for button in self._top_buttons():
            button.setVisible(not empty)  # the empty state offers its own
        self.export_button.setEnabled(self.model.total > 0)
        if self.model.total == 0 and self.filters.is_filtered():
            text = f"No organizations match ({format_count(self.registered)} in all)"
        elif self.model.counting:
            text = f"Counting… of {format_count(self.registered)} organizations"
        else:
            text = organizations_count_text(
                self.model.total, self.registered, self.model.total_is_exact
            )
        if self._problem:
            text = f"Cannot read the organizations: {self._problem}"
        self.count_label.setText(text)
        self.count_label.setStyleSheet(f"color: {ERROR};" if self._problem else "")

    def _open_editor(self, organization_id: uuid.UUID | None) -> None:
        """Open a record in its own window beside the list (raised if already open)."""
        from .record_window import open_organization  # loaded when first needed

        # A new organization's window is its own until saved, then known by its record.
        key = organization_id if organization_id is not None else uuid.uuid4()
        open_organization(
            self.context, self.undo_stack, key, self, prepare=self._connect_editor,
            new=organization_id is None,
        )  # fmt: skip

    def _connect_editor(self, dialog: QWidget) -> None:
        dialog.saved.connect(self._on_editor_saved)  # type: ignore[attr-defined]
        dialog.deleted.connect(self._on_editor_deleted)  # type: ignore[attr-defined]

    def apply_filter(self, filters: dict[str, object]) -> None:
        """Narrow the list to ``tier``, ``status`` and ``term_end_month`` ("YYYY-MM")."""
        self.filters.set_filters(
            _text(filters.get("tier")), _text(filters.get("status")),
            _text(filters.get("term_end_month")),
        )  # fmt: skip

    def _schedule_refresh(self) -> None:
        if self.isVisible():
            self.refresh_timer.start()
        else:
            self._stale = True  # read again when shown: no queries for a hidden page

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    # -- slots ------------------------------------------------------------------------------

    def _on_filters_changed(self) -> None:
        self._problem = None
        self.model.set_query(self.filters.apply_to(self.model.query))
        self._update_state()

    def _on_model_counted(self) -> None:
        self._update_state()

    def _on_model_failed(self, message: str) -> None:
        self._problem = message  # shown until the next query succeeds
        self._update_state()

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_editor(self.model.organization_at(index.row()).id)

    def _on_new_button_clicked(self) -> None:
        self._open_editor(None)

    def _on_editor_saved(self, organization_id: object) -> None:
        if isinstance(organization_id, uuid.UUID):
            self._select_after_refresh = organization_id
        self._schedule_refresh()

    def _on_editor_deleted(self, _organization_id: object) -> None:
        self._schedule_refresh()

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self._schedule_refresh()

    def _on_refresh_timer_timeout(self) -> None:
        select, self._select_after_refresh = self._select_after_refresh, None
        self.refresh(select)

    def _on_table_context_menu_requested(self, position: QPoint) -> None:
        count = len(self.table.selectionModel().selectedRows())
        if not count:
            return
        menu = QMenu(self)
        menu.addAction("Open", self._on_open_selected_triggered)
        suffix = f" {format_count(count)} selected…" if count > 1 else " selected…"
        menu.addAction("Export" + suffix, self._on_export_selected_triggered)
        menu.addAction("Delete" + suffix, self._on_delete_selected_triggered)
        menu.addAction("E-mail drafts" + suffix, self._on_email_drafts_triggered)
        if count == 2:
            menu.addAction(self.merge_actions.merge_action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _on_open_selected_triggered(self) -> None:
        for row in self.selected_rows()[:10]:  # a window each: a handful at most
            self._open_editor(row.id)

    def _on_export_selected_triggered(self) -> None:
        from .bulk_actions import export_selected

        ids = [row.id for row in self.selected_rows()]
        if ids:
            export_selected(self, self.context, self.model.query, ids)

    def _on_delete_selected_triggered(self) -> None:
        from .bulk_actions import delete_selected

        if delete_selected(self, self.context, self.undo_stack, self.selected_rows()):
            announce(Changes.ORGANIZATIONS | Changes.MEMBERSHIPS, initiator=self)
            self._schedule_refresh()

    def _on_email_drafts_triggered(self) -> None:
        from .bulk_actions import write_email_drafts

        write_email_drafts(self, self.context, self.selected_rows())  # the outcome says itself

    def _on_find_shortcut_activated(self) -> None:
        self.filters.search_box.setFocus()
        self.filters.search_box.selectAll()

    def _on_import_button_clicked(self) -> None:
        from ...dialogs.import_dialog import run_import  # loaded when first needed

        if run_import(self, self.context):
            announce(Changes.ORGANIZATIONS | Changes.MEMBERSHIPS, initiator=self)
        self.refresh()  # whatever the outcome: an import writes everything or nothing

    def _on_board_button_clicked(self) -> None:
        from .governance import open_governance  # loaded when first needed

        open_governance(self, self.context)

    def _on_export_button_clicked(self) -> None:
        export_organizations(self, self.context, self.model.query)

    def _on_demo_button_clicked(self) -> None:
        answer = QMessageBox.question(
            self,
            "Load demo data",
            f"Add {format_count(self.DEMO_ORGANIZATIONS)} made-up organizations with "
            "contacts and memberships to this database, and make it a working office: "
            "the foundation's settings, invoices, payments and quotes over past years, and "
            "this year's certificates?\n\nThey are for trying the app; keep real data in a "
            "database of its own.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from .demo_loading import DemoLoading  # loaded when first needed

        self._demo_loading = DemoLoading(
            self.context, self.DEMO_ORGANIZATIONS, self, self._on_demo_loaded
        )

    def _on_demo_loaded(self) -> None:
        self._demo_loading = None
        announce(Changes.ALL, initiator=self)  # members, terms, invoices and quotes
        self.refresh()


def _text(value: object) -> str | None:
    return None if value is None else str(value)
