"""The History tab: who changed which field when, from the audit trail.

One view serves every record: the settings (one kind of record) and an organization
(its own changes and those of its contacts, terms, applications..., with a "What" column).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from ...services.audit_service import AuditRecord, AuditService

_Index = QModelIndex | QPersistentModelIndex
ValueText = Callable[[str, str], str]


def _as_is(_field: str, value: str) -> str:
    return value


class HistoryTableModel(QAbstractTableModel):
    """Audit records as rows: when (local time), who, [what,] field, old value, new value."""

    def __init__(
        self,
        labels: dict[str, str],
        parent: QWidget | None = None,
        *,
        show_entity: bool = False,
        value_text: ValueText = _as_is,
    ) -> None:
        super().__init__(parent)
        self.records: list[AuditRecord] = []
        self._labels = labels
        self._show_entity = show_entity
        self._value_text = value_text
        self.headers = ("When", "Who", *(("What",) if show_entity else ()), "Field")
        self.headers += ("Old value", "New value")

    def set_records(self, records: list[AuditRecord]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        record = self.records[index.row()]
        what = (record.entity_type.capitalize(),) if self._show_entity else ()
        old = "" if record.old_value is None else self._value_text(record.field, record.old_value)
        new = "" if record.new_value is None else self._value_text(record.field, record.new_value)
        return (
            record.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            record.actor,
            *what,
            self._labels.get(record.field, record.field),
            old,
            new,
        )[index.column()]


class HistoryView(QWidget):
    """A table of the changes made to one kind of record, or to everything a record owns.

    Args:
        audit: where the history comes from.
        entity_type: only changes to this kind of record (e.g. "settings"), or None.
        labels: field name to the label people know it by.
        owner_id: only the changes shown in this record's history. Without an entity type
            the table has a "What" column (organization, contact, term...).
        hidden_fields: fields kept for bookkeeping that mean nothing to a person.
        value_text: turns a stored value into what a person reads (e.g. "nonprofit" into
            "Non-profit").
    """

    def __init__(
        self,
        audit: AuditService,
        entity_type: str | None,
        labels: dict[str, str],
        parent: QWidget | None = None,
        *,
        owner_id: uuid.UUID | None = None,
        hidden_fields: Collection[str] = (),
        value_text: ValueText = _as_is,
    ) -> None:
        super().__init__(parent)
        self._audit = audit
        self._entity_type = entity_type
        self.owner_id = owner_id
        self._hidden = frozenset(hidden_fields)
        self.model = HistoryTableModel(
            labels, self, show_entity=entity_type is None, value_text=value_text
        )
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(360)  # long notes are elided, not a screen wide
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        """Read the history again."""
        if self._entity_type is None and self.owner_id is None:
            return  # a record not stored yet has no history
        records = self._audit.history(entity_type=self._entity_type, owner_id=self.owner_id)
        self.model.set_records([r for r in records if r.field not in self._hidden])
