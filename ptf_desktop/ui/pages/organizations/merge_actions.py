"""Merging from the Organizations list: any two selected records, and possible duplicates.

The list's context menu offers "Merge the two selected…" when exactly two rows are
selected; the page's "Possible duplicates…" button lists the pairs a matching rule finds.
Both open the merge tool (merge_dialog.py); after a merge every open view is
told that organizations, memberships and documents changed.
"""

from __future__ import annotations

import uuid
from typing import Protocol, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QTableView, QWidget

from ....services.context import AppContext
from ....services.register.merging import MergeResult, MergeService
from ...changes import Changes, announce
from .table_model import OrganizationTableModel


class OrganizationsPage(Protocol):
    """What merging needs of the Organizations page (which owns it: no import back)."""

    context: AppContext
    table: QTableView
    model: OrganizationTableModel
    duplicates_button: QPushButton

    def refresh(self, select: uuid.UUID | None = None) -> None:
        """Read the list again."""

    def window(self) -> QWidget:
        """The window the page is in."""


# What a merge can change: the register, memberships and the documents that move.
MERGE_CHANGES = (
    Changes.ORGANIZATIONS | Changes.MEMBERSHIPS | Changes.INVOICES | Changes.QUOTES
    | Changes.CREDIT_NOTES | Changes.PAYMENTS | Changes.CERTIFICATES
)  # fmt: skip


class MergeActions(QObject):
    """The merge action of the list's context menu and the possible-duplicates button.

    Attributes:
        merge_action: "Merge the two selected…", enabled for exactly two selected rows.
    """

    def __init__(self, page: OrganizationsPage) -> None:
        super().__init__(cast(QWidget, page))
        self._page = page
        self._service = MergeService(page.context.factories)
        table = page.table
        self.merge_action = QAction("Merge the two selected…", table)
        self.merge_action.setObjectName("mergeSelectedAction")
        self.merge_action.setEnabled(False)
        self.merge_action.triggered.connect(self._on_merge_action_triggered)
        table.addAction(self.merge_action)  # the page's context menu shows it for two rows
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        page.duplicates_button.clicked.connect(self._on_duplicates_button_clicked)

    def _selected(self) -> list[object]:
        rows = self._page.table.selectionModel().selectedRows()
        return [self._page.model.organization_at(index.row()).id for index in rows]

    def _on_selection_changed(self, *_args: object) -> None:
        self.merge_action.setEnabled(len(self._selected()) == 2)

    def _on_merge_action_triggered(self) -> None:
        from .merge_dialog import open_merge  # loaded when first needed

        selected = self._selected()
        if len(selected) != 2:
            return
        result = open_merge(self._page, self._service, selected[0], selected[1])  # type: ignore[arg-type]
        if result is not None:
            self._after_merge(result)

    def _on_duplicates_button_clicked(self) -> None:
        from .duplicates_dialog import DuplicatesDialog  # loaded when first needed

        dialog = DuplicatesDialog(self._service, cast(QWidget, self._page))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(self._after_merge)
        dialog.open()

    def _after_merge(self, result: MergeResult) -> None:
        announce(MERGE_CHANGES, initiator=self._page)
        self._page.refresh(select=result.survivor_id)
        window = self._page.window()
        status_bar = getattr(window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(result.summary(), 8000)
