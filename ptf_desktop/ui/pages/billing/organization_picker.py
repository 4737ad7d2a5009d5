"""Choosing the organization a new invoice or quote is for: type to search, pick one."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....services.register.organization_queries import OrganizationQueries
from ....services.register.organization_records import OrganizationQuery
from ...widgets.dialog_buttons import Standard, dialog_buttons


class OrganizationPicker(QDialog):
    """A search field and the first matches of the register.

    Attributes:
        chosen: the organization picked (None until accepted).
    """

    LIMIT = 50

    def __init__(
        self, queries: OrganizationQueries, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("organizationPicker")
        self.setWindowTitle(title)
        self._queries = queries
        self.chosen: uuid.UUID | None = None
        self.search = QLineEdit()
        self.search.setObjectName("organizationSearch")
        self.search.setPlaceholderText("Search organizations by name, VAT ID or e-mail")
        self.search.setClearButtonEnabled(True)
        self.matches = QListWidget()
        self.matches.setObjectName("organizationMatches")
        self.hint = QLabel()
        buttons = dialog_buttons(self, Standard.Ok, self._on_buttons_accepted, "Choose")
        self.ok_button = buttons.button(Standard.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.matches, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(520, 460)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.matches.itemDoubleClicked.connect(self._on_matches_item_double_clicked)
        self.matches.currentRowChanged.connect(self._on_matches_current_row_changed)
        self._on_search_text_changed("")

    def _on_search_text_changed(self, text: str) -> None:
        rows = self._queries.page(OrganizationQuery(search=text.strip()), 0, self.LIMIT)
        self.matches.clear()
        for row in rows:
            label = row.display_name
            if row.legal_name and row.legal_name != row.display_name:
                label += f"  ({row.legal_name})"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.matches.addItem(item)
        if rows:
            self.matches.setCurrentRow(0)
        self.hint.setText(
            "No organization matches." if not rows else
            f"The first {self.LIMIT} matches: type more to narrow." if len(rows) == self.LIMIT
            else ""
        )  # fmt: skip
        self.ok_button.setEnabled(bool(rows))

    def _on_matches_current_row_changed(self, row: int) -> None:
        self.ok_button.setEnabled(row >= 0)

    def _on_matches_item_double_clicked(self, _item: QListWidgetItem) -> None:
        self._on_buttons_accepted()

    def _on_buttons_accepted(self) -> None:
        item = self.matches.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
