"""Issue a certificate: pick a membership term of a year; terms that cannot be say why."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ....services.certificates.term_choices import TermChoice
from ....services.context import AppContext
from ...widgets.search_box import SearchBox
from ...widgets.table_model import RECORD_ROLE, Column, ColumnTableModel, SearchProxy
from ...widgets.tables import ROWS, list_table
from ...widgets.text_label import text_label


def _greyed(choice: TermChoice) -> QColor | None:
    return QColor(Qt.GlobalColor.gray) if choice.problem else None  # cannot be certified


def _column(header: str, text: Any) -> Column[TermChoice]:
    return Column(header, text, foreground=_greyed)


TERM_COLUMNS = (
    _column("Organization", lambda c: c.legal_name),
    _column("Tier", lambda c: c.tier.title()),
    _column("Term", lambda c: f"{c.start.isoformat()} to {c.end.isoformat()}"),
    _column("Certificate", lambda c: c.certificate or c.problem or "To issue"),
)


class IssueDialog(QDialog):
    """Choose the term to certify; Issue is enabled for a term that can be certified."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.choices: list[TermChoice] = []
        self.setWindowTitle("Issue a certificate")
        self.resize(760, 460)
        self.year = QSpinBox()
        self.year.setRange(1990, 2200)
        self.year.setValue(date.today().year)
        self.model: ColumnTableModel[TermChoice] = ColumnTableModel(TERM_COLUMNS, self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = list_table("issueTerms", self.proxy, rows=ROWS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.search_box = SearchBox("Search organizations…", self.table)
        self.search_box.setObjectName("issueSearch")
        self.reason = text_label(wrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.issue_button = buttons.addButton("Issue", QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("Memberships active in"))
        top.addWidget(self.year)
        top.addWidget(self.search_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.year.valueChanged.connect(self._on_year_value_changed)
        self.search_box.textChanged.connect(self.proxy.set_search)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._load()

    def _load(self) -> None:
        self.choices = self._context.certificate_batch.term_choices(self.year.value(), date.today())
        self.model.set_rows(self.choices)
        self.table.resizeColumnsToContents()
        self.reason.setText("" if self.choices else "No membership term is active in that year.")
        self.issue_button.setEnabled(False)

    def select_organization(self, legal_name: str) -> None:
        """Select the first term of an organization (as a person clicking its row)."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(RECORD_ROLE).legal_name == legal_name:
                self.table.selectRow(row)
                return

    def chosen(self) -> TermChoice | None:
        """The selected term, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def _on_year_value_changed(self, _year: int) -> None:
        self._load()

    def _on_table_selection_changed(self, *_: object) -> None:
        choice = self.chosen()
        self.issue_button.setEnabled(choice is not None and not choice.problem)
        self.reason.setText(choice.problem if choice is not None else "")
