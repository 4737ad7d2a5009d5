"""A searchable list of one kind of billing record that can be narrowed to one invoice.

The Credit notes and Payments tabs of the Invoices page are both this: a search box, a
banner while the list shows only one invoice's records, the table, a row of action
buttons and a count. Each tab says how it reads its rows and which actions apply.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...widgets.message_boxes import warn
from ...widgets.table_model import ColumnTableModel, SearchProxy
from .action_buttons import Action, add_action_buttons, enable_buttons
from .filter_banner import FilterBanner
from .page_parts import count_text
from .record_model import record_table


class NarrowedList(QWidget):
    """A record list with search, an "only this invoice" banner, actions and a count.

    Widgets are named from ``name`` (``<name>Search``, ``<name>Table``, ``<name>Count``,
    ``<name>Problem``) and the buttons from ``action_prefix`` (see ``action_buttons``).
    """

    def __init__(
        self,
        model_type: type[ColumnTableModel],
        *,
        name: str,
        nouns: tuple[str, str],
        banner_noun: str,
        search_hint: str,
        column_characters: tuple[int, ...],
        sort_column: int,
        action_prefix: str,
        actions: tuple[Action, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._nouns = nouns
        self.model = model_type(parent=self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}Search")
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        self.banner = FilterBanner(banner_noun)
        self.table: QTableView = record_table(
            f"{name}Table", self.proxy, column_characters, sort_column
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.count_label = QLabel()
        self.count_label.setObjectName(f"{name}Count")
        self.buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        add_action_buttons(self, action_prefix, actions, self.buttons, buttons)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.count_label)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.banner.cleared.connect(self._on_banner_cleared)

    def current(self) -> Any:
        """The record selected, if one is (None otherwise)."""
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        return self.model.record_at(self.proxy.mapToSource(rows[0]).row())

    def _narrow(self, banner_text: str | None) -> None:
        """Show the banner's text, or hide it when the list is not narrowed; read again."""
        self.search.clear()
        if banner_text is None:
            self.banner.hide()
        else:
            self.banner.text.setText(banner_text)
            self.banner.show()
        self.refresh()

    def refresh(self) -> None:
        """Read the records again."""
        raise NotImplementedError

    def _enabled_actions(self) -> dict[str, bool]:
        """Which actions apply to the selection."""
        raise NotImplementedError

    def _update(self) -> None:
        self.count_label.setText(
            count_text(self.proxy.rowCount(), self.model.rowCount(), self._nouns)
        )
        enable_buttons(self.buttons, self._enabled_actions())

    def _warn(self, title: str, message: str) -> None:
        warn(self, title, message, f"{self._name}Problem")

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update()

    def _on_banner_cleared(self) -> None:
        self.show_invoice(None)

    def show_invoice(self, *args: Any) -> None:
        """Narrow the list to the records of one invoice (None shows them all)."""
        raise NotImplementedError

    def _on_selection_changed(self, *_: object) -> None:
        self._update()
