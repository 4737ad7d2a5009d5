"""The History tab: who changed which field when, from the audit trail."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from ...services.audit_service import AuditRecord, AuditService

_Index = QModelIndex | QPersistentModelIndex


class HistoryTableModel(QAbstractTableModel):
    """Audit records as rows: when (local time), who, field, old value, new value."""

    WHEN, WHO, FIELD, OLD, NEW = range(5)
    HEADERS = ("When", "Who", "Field", "Old value", "New value")

    def __init__(self, labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[AuditRecord] = []
        self._labels = labels

    def set_records(self, records: list[AuditRecord]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        record = self.records[index.row()]
        return (
            record.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            record.actor,
            self._labels.get(record.field, record.field),
            record.old_value or "",
            record.new_value or "",
        )[index.column()]


class HistoryView(QWidget):
    """A table of the changes made to one kind of record."""

    def __init__(
        self,
        audit: AuditService,
        entity_type: str,
        labels: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._audit = audit
        self._entity_type = entity_type
        self.model = HistoryTableModel(labels, self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        """Read the history again."""
        self.model.set_records(self._audit.history(entity_type=self._entity_type))
