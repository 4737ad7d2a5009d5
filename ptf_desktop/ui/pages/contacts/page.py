"""The Contacts area: every person of every organization, their organization and role.

A search narrows the directory in SQL (a moment after the last keystroke); the list
sorts by any column. Several people can be selected: Ctrl+C (or the context menu, or
Copy e-mail addresses) copies their addresses, ready to paste into a mail's To field;
Enter or a double-click opens the person's organization on its Contacts tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)

from ....domain.organizations import LABELS
from ....services.context import AppContext
from ....services.register.contact_directory import DirectoryEntry, DirectoryPage
from ...widgets.search_box import SearchBox
from ...widgets.table_model import RECORD_ROLE, Column, ColumnTableModel, SearchProxy, casefolded
from ..area_page import AreaPage, page_title
from ..billing.record_model import record_table
from ..organizations.display import format_count
from ..organizations.record_window import open_organization

if TYPE_CHECKING:
    from ...tasks import Task

SEARCH_PAUSE_MS = 200
# The most people listed at once; a search finds the others.
LISTED = 2000


def roles_text(roles: str) -> str:
    """Stored roles ("billing,primary") as people call them."""
    return ", ".join(LABELS.get(role, role) for role in roles.split(",") if role)


DIRECTORY_COLUMNS: tuple[Column[DirectoryEntry], ...] = (
    Column("Name", lambda e: e.name, casefolded(lambda e: e.name), tooltip=lambda e: e.name),
    Column("E-mail", lambda e: e.email, casefolded(lambda e: e.email)),
    Column(
        "Organization",
        lambda e: e.organization,
        casefolded(lambda e: e.organization),
        tooltip=lambda e: e.organization,
    ),
    Column("Roles", lambda e: roles_text(e.roles)),
    Column("Job title", lambda e: e.job_title, casefolded(lambda e: e.job_title)),
    Column("Phone", lambda e: e.phone),
)


def addresses(entries: list[DirectoryEntry]) -> str:
    """The e-mail addresses of people, "Name <address>", one per person who has one.

    Names keep their letters as written (a mail program's To field takes them); a name
    with commas, quotes or brackets is quoted so the list still splits per person.
    """
    return ", ".join(f"{_display_name(e.name)} <{e.email}>" for e in entries if e.email)


def _display_name(name: str) -> str:
    if not any(character in _SPECIALS for character in name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


_SPECIALS = frozenset('()<>@,;:\\".[]')


class ContactsPage(AreaPage):
    """The contacts directory."""

    KEY = "contacts"

    def __init__(
        self, context: AppContext, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.undo_stack = undo_stack
        self.model: ColumnTableModel[DirectoryEntry] = ColumnTableModel(
            DIRECTORY_COLUMNS, parent=self
        )
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._build_table()
        self.search_box = SearchBox("Search people, e-mail addresses, organizations…", self.table)
        self.search_box.setObjectName("contactsSearch")
        self.count_label = QLabel()
        self.count_label.setObjectName("contactsCount")
        self.copy_button = QPushButton("Copy e-mail addresses")
        self.copy_button.setToolTip("Copy the addresses of the people selected (Ctrl+C)")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_PAUSE_MS)
        self._lay_out()
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.timer.timeout.connect(self.refresh)
        self.table.activated.connect(self._on_table_activated)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.copy_button.clicked.connect(self.copy_addresses)
        copy = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self.table)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_addresses)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._on_find_activated)
        # Contacts edited in a record window are undoable steps: read again after each.
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self._stale = False
        self._task: Task | None = None
        self.refresh()

    def _build_table(self) -> QTableView:
        table = record_table(
            "contactsTable", self.proxy, (26, 30, 34, 16, 20), 0,
            QAbstractItemView.SelectionMode.ExtendedSelection,
        )  # fmt: skip
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        return table

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(page_title("Contacts"))
        top.addStretch(1)
        top.addWidget(self.copy_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        layout = self._page_layout()
        layout.addLayout(top)
        layout.addWidget(self.search_box)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def refresh(self) -> None:
        """Read the directory again for the search typed (in a worker: see ``reading``)."""
        from ...tasks import run_task

        self.timer.stop()
        text, directory = self.search_box.text(), self.context.contact_directory
        self._task = run_task(lambda _progress: (text, directory.list(text, LISTED)))
        self._task.succeeded.connect(self._on_task_succeeded)
        self._task.failed.connect(self._on_task_failed)

    @property
    def reading(self) -> bool:
        """Whether the directory is being read."""
        return self._task is not None

    def _show(self, page: DirectoryPage) -> None:
        self.model.set_rows(page.entries)
        shown = len(page.entries)
        if not shown:
            text = "No contacts match." if self.search_box.text().strip() else "No contacts yet."
        elif page.more:
            text = f"The first {format_count(shown)} people listed; search to narrow"
        else:
            text = f"{format_count(shown)} {'person' if shown == 1 else 'people'}"
        self.count_label.setText(text)
        self._on_selection_changed()

    def selected(self) -> list[DirectoryEntry]:
        """The people selected, in the list's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.index(row, 0).data(RECORD_ROLE) for row in rows]

    def copy_addresses(self) -> None:
        """Put the selected people's e-mail addresses on the clipboard."""
        text = addresses(self.selected())
        if text:
            QApplication.clipboard().setText(text)
            count = text.count("@")
            self.count_label.setText(f"Copied {count} e-mail address{'es' if count > 1 else ''}.")

    # -- slots ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        if self.isVisible():
            self.timer.start()
        else:
            self._stale = True

    def _on_task_succeeded(self, answer: object) -> None:
        text, page = cast("tuple[str, DirectoryPage]", answer)
        if text != self.search_box.text():
            return  # typed on since: the answer to the latest text follows
        self._task = None
        self._show(page)

    def _on_task_failed(self, message: str) -> None:
        self._task = None
        self.count_label.setText(f"Cannot read the contacts: {message}")

    def _on_search_box_text_changed(self, _text: str) -> None:
        self.timer.start()

    def _on_selection_changed(self, *_: object) -> None:
        self.copy_button.setEnabled(any(entry.email for entry in self.selected()))

    def _on_table_activated(self, index: QModelIndex) -> None:
        entry: DirectoryEntry = index.data(RECORD_ROLE)
        open_organization(
            self.context, self.undo_stack, entry.organization_id, self, tab="Contacts"
        )

    def _on_find_activated(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _on_table_context_menu_requested(self, position: QPoint) -> None:
        menu = QMenu(self)
        copy = menu.addAction("Copy e-mail addresses")
        copy.setEnabled(any(entry.email for entry in self.selected()))
        copy.triggered.connect(self.copy_addresses)
        index = self.table.indexAt(position)
        if index.isValid():
            open_action = menu.addAction("Open organization")
            open_action.triggered.connect(lambda: self._on_table_activated(index))
        menu.exec(self.table.viewport().mapToGlobal(position))
