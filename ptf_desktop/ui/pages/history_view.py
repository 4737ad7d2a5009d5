"""The History tab: who changed which field when, from the audit trail.

One view serves every record: the settings (one kind of record) and an organization
(its own changes and those of its contacts, terms, applications..., with a "What" column).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection

from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from ...services.audit_service import AuditRecord, AuditService
from ..widgets.table_model import Column, ColumnTableModel
from ..widgets.tables import list_table

ValueText = Callable[[str, str], str]


def _as_is(_field: str, value: str) -> str:
    return value


def _where(record: AuditRecord) -> str:
    """The device a change was made on, and whether it came from the team."""
    device = record.device or ("another device" if record.arrived_by_sync else "")
    return f"{device} ⇄" if record.arrived_by_sync else device


def _where_tip(record: AuditRecord) -> str | None:
    return "Arrived by sync from the team" if record.arrived_by_sync else None


class HistoryTableModel(ColumnTableModel[AuditRecord]):
    """Audit records as rows: when (local time), who, [what,] field, old and new value, where.

    "Where" names the device of a change made in a team, marked ⇄ when it arrived by sync.
    """

    def __init__(
        self,
        labels: dict[str, str],
        parent: QWidget | None = None,
        *,
        show_entity: bool = False,
        value_text: ValueText = _as_is,
    ) -> None:
        def shown(value: str | None, record: AuditRecord) -> str:
            return "" if value is None else value_text(record.field, value)

        what: tuple[Column[AuditRecord], ...] = (
            (Column("What", lambda r: r.entity_type.capitalize()),) if show_entity else ()
        )
        columns: tuple[Column[AuditRecord], ...] = (
            Column("When", lambda r: r.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
            Column("Who", lambda r: r.person),
            *what,
            Column("Field", lambda r: labels.get(r.field, r.field)),
            Column("Old value", lambda r: shown(r.old_value, r)),
            Column("New value", lambda r: shown(r.new_value, r)),
            # Last, so that a history read before teams keeps its columns where they were.
            Column("Where", _where, tooltip=_where_tip),
        )
        super().__init__(columns, parent)

    @property
    def headers(self) -> tuple[str, ...]:
        """The columns' headers."""
        return tuple(column.header for column in self.columns)

    @property
    def records(self) -> list[AuditRecord]:
        """The records shown."""
        return self.rows

    def set_records(self, records: list[AuditRecord]) -> None:
        """Replace the rows."""
        self.set_rows(records)


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
        self.table = list_table(
            "historyTable", self.model, resize=QHeaderView.ResizeMode.ResizeToContents,
            alternate=True, wrap=False,
        )  # fmt: skip
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        # Long notes are elided, not a screen wide.
        self.table.horizontalHeader().setMaximumSectionSize(360)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        """Read the history again."""
        if self._entity_type is None and self.owner_id is None:
            return  # a record not stored yet has no history
        records = self._audit.history(entity_type=self._entity_type, owner_id=self.owner_id)
        self.model.set_records([r for r in records if r.field not in self._hidden])
