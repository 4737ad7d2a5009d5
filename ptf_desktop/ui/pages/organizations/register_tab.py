"""What the organization window's editing tabs share.

Each has the undo stack, the change events, the organization shown, and a row of
buttons under the tab's body.

``RecordListTab`` adds a table of one kind of record (contacts, testimonials) whose
buttons follow the selection and whose selection survives a refresh.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ....services.context import AppContext
from .record_table import Column, RecordTable, RecordTableModel
from .undo_commands import RegisterEvents

R = TypeVar("R")


def named_button(text: str, object_name: str) -> QPushButton:
    """A push button with the object name tests and style sheets find it by."""
    button = QPushButton(text)
    button.setObjectName(object_name)
    return button


class RegisterTab(QWidget):
    """A tab that edits one organization through undoable commands."""

    def __init__(
        self,
        context: AppContext,
        undo_stack: QUndoStack,
        events: RegisterEvents,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._undo_stack = undo_stack
        self._events = events
        self.organization_id: uuid.UUID | None = None
        self._build()

    def _build(self) -> None:
        """Make the tab's widgets and connect them (each tab knows its own)."""
        raise NotImplementedError

    def _lay_out(
        self, body: Sequence[QWidget], beside_buttons: QWidget, buttons: Iterable[QPushButton]
    ) -> None:
        """Stack the body's widgets over a row: a stretching label, then the buttons."""
        row = QHBoxLayout()
        row.addWidget(beside_buttons, 1)
        for button in buttons:
            row.addWidget(button)
        layout = QVBoxLayout(self)
        for widget in body:
            layout.addWidget(widget)
        layout.addLayout(row)


class RecordListTab(RegisterTab, Generic[R]):
    """A table of one organization's records of one kind, with buttons under it.

    Attributes:
        COLUMNS: the table's columns (set by each tab).
        TABLE_NAME: the table's object name.
    """

    COLUMNS: tuple[Column[R], ...] = ()
    TABLE_NAME = ""

    def _build(self) -> None:
        self._service = self._context.organizations
        self.model: RecordTableModel[R] = RecordTableModel(self.COLUMNS, self)
        self.table = RecordTable(self.model, self.TABLE_NAME)
        self._build_buttons()

    def _build_buttons(self) -> None:
        """Make the buttons under the table, then call ``_finish``."""
        raise NotImplementedError

    def _finish(self, beside_buttons: QWidget, buttons: Iterable[QPushButton]) -> None:
        """Lay the table over the buttons and keep the buttons in step with the selection."""
        self._lay_out([self.table], beside_buttons, buttons)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._update_buttons()

    def _show_rows(
        self, organization_id: uuid.UUID, rows: Sequence[R], same: Callable[[R, R], bool]
    ) -> None:
        """Show the rows, keeping selected the row ``same`` as the one selected before."""
        selected = self.table.selected_record()
        self.organization_id = organization_id
        self.model.set_rows(rows)
        if selected is not None:
            self.table.select_row_of(lambda record: same(record, selected))
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Enable the buttons that need a selected record (each tab knows which)."""
        raise NotImplementedError

    def _on_table_selection_changed(self) -> None:
        self._update_buttons()
