"""A new fee schedule: a name, the date it applies from, and its fees (edited from a copy).

The fees start as a copy of the schedule in force on the chosen date; amounts and the
"to be confirmed" mark are edited in the table. Nothing is stored until Save, and a
refused schedule (overlapping bands, a date already taken) says why and stays open.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.fees import FeeScheduleData, FeeScheduleError, schedule_in_force
from ...services.errors import UserError
from ...services.renewals.fee_service import FeeService
from ..widgets.dialog_buttons import Standard, dialog_buttons
from ..widgets.problem_label import error_line
from ..widgets.tables import list_table
from .fee_schedule_models import EntryTableModel
from .renewals.display import fit_columns


class NewScheduleDialog(QDialog):
    """Edits and stores a new fee schedule.

    Attributes:
        added: the stored schedule, once Save succeeded.
    """

    def __init__(
        self, fees: FeeService, schedules: list[FeeScheduleData], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New fee schedule")
        self.resize(760, 520)
        self._fees = fees
        self._schedules = schedules
        self.added: FeeScheduleData | None = None
        next_year = date.today().year + 1
        self.name = QLineEdit(f"Fees from {next_year}")
        self.name.setObjectName("scheduleName")
        self.effective = QDateEdit(QDate(next_year, 1, 1))
        self.effective.setObjectName("scheduleEffective")
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit()
        self.note.setObjectName("scheduleNote")
        self.entries = EntryTableModel(editable=True, parent=self)
        self.table = list_table("scheduleEntries", self.entries)
        self.error = error_line("scheduleError")
        buttons = dialog_buttons(self, Standard.Save, self._on_buttons_accepted)
        self.save_button = buttons.button(Standard.Save)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Applies from", self.effective)
        form.addRow("Note", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Fees (double-click an amount to change it):"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.entries.refused.connect(self._on_entries_refused)
        self._copy_schedule_in_force()

    def _copy_schedule_in_force(self) -> None:
        day = self.effective.date()
        base: FeeScheduleData | None
        try:
            base = schedule_in_force(self._schedules, date(day.year(), day.month(), day.day()))
        except FeeScheduleError:
            base = self._schedules[-1] if self._schedules else None
        self.entries.set_entries(base.entries if base else ())
        fit_columns(self.table)

    def _on_entries_refused(self, message: str) -> None:
        self.error.setText(message)

    def _on_buttons_accepted(self) -> None:
        day = self.effective.date()
        try:
            self.added = self._fees.add_schedule(
                self.name.text(),
                date(day.year(), day.month(), day.day()),
                self.entries.entries,
                self.note.text(),
            )
        except UserError as problem:
            self.error.setText(str(problem))
            return
        self.accept()
