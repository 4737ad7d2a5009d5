"""The fee schedules tab of the Settings page: which schedule applies when, and a new one.

A new schedule from a later date supersedes the one before it, so that issued documents
keep the price they were issued at. A fee no issued document uses yet can be corrected
in place (Correct fee...); the service refuses the others and the dialog says why.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.fees import FeeEntryData, FeeScheduleData, FeeScheduleError, schedule_in_force
from ...services.errors import DatabaseProblem
from ...services.renewals.fee_service import FeeService
from ..changes import Changes, announce
from ..widgets.tables import ROWS, list_table
from ..widgets.text_label import text_label
from .correct_fee_dialog import CorrectFeeDialog
from .fee_schedule_models import EntryTableModel, ScheduleTableModel
from .new_schedule_dialog import NewScheduleDialog
from .renewals.display import fit_columns, format_date


def qdate(day: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    """A QDate as a Python date."""
    return date(day.year(), day.month(), day.day())


class FeeSchedulesTab(QWidget):
    """Lists the schedules and their fees; tells which applies on a date; adds one."""

    def __init__(self, fees: FeeService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feeSchedulesTab")
        self._fees = fees
        self.schedules = ScheduleTableModel(parent=self)
        self.entries = EntryTableModel(parent=self)
        self.schedule_table = list_table(
            "feeScheduleTable", self.schedules, rows=ROWS, alternate=True
        )
        self.entry_table = list_table("feeEntryTable", self.entries, rows=ROWS, alternate=True)
        self.on_date = QDateEdit(QDate.currentDate())
        self.on_date.setObjectName("feeScheduleOnDate")
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("yyyy-MM-dd")
        self.applies = text_label(name="feeScheduleApplies")
        self.applies.setWordWrap(True)  # a long schedule name must not widen the window
        self.new_button = QPushButton("New fee schedule\u2026")
        self.new_button.setObjectName("feeScheduleNew")
        self.correct_button = QPushButton("Correct fee\u2026")
        self.correct_button.setObjectName("feeEntryCorrect")
        self.correct_button.setToolTip(
            "Correct the selected fee while no issued document uses it (double-click a fee)"
        )
        self.correct_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("Applies on"))
        top.addWidget(self.on_date)
        top.addWidget(self.applies, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.schedule_table, 1)
        fees_header = QHBoxLayout()
        fees_header.addWidget(QLabel("Fees of the selected schedule:"), 1)
        fees_header.addWidget(self.correct_button)
        layout.addLayout(fees_header)
        layout.addWidget(self.entry_table, 2)
        self.on_date.dateChanged.connect(self._on_on_date_date_changed)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.schedule_table.selectionModel().selectionChanged.connect(
            self._on_schedule_table_selection_changed
        )
        self.entry_table.selectionModel().selectionChanged.connect(
            self._on_entry_table_selection_changed
        )
        self.entry_table.doubleClicked.connect(self._on_entry_table_double_clicked)
        self.correct_button.clicked.connect(self._on_correct_button_clicked)
        # Read when first shown: the Settings page opens on its first tab, not this one.
        self._in_use: frozenset[uuid.UUID] = frozenset()
        self._read = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._read:
            self.refresh()

    def refresh(self) -> None:
        """Read the schedules again and select the one in force on the chosen date."""
        self._read = True
        try:
            schedules = self._fees.schedules()
            self._in_use = self._fees.entries_in_use()
        except DatabaseProblem as problem:
            QMessageBox.critical(self, "Fee schedules", str(problem))
            return
        self.schedules.set_schedules(schedules)
        fit_columns(self.schedule_table)
        self._show_applying()

    def _show_applying(self) -> None:
        day = pydate(self.on_date.date())
        try:
            schedule = schedule_in_force(self.schedules.schedules, day)
        except FeeScheduleError as error:
            self.applies.setText(str(error))
            self.entries.set_entries(())
            return
        self.applies.setText(
            f"On {format_date(day)} the fee schedule \u201c{schedule.name}\u201d "
            f"(from {format_date(schedule.effective_from)}) applies."
        )
        self.schedule_table.selectRow(self.schedules.schedules.index(schedule))
        self._show_entries(schedule)  # also when that row was selected already

    def _show_entries(self, schedule: FeeScheduleData) -> None:
        self.entries.set_entries(schedule.entries, self._in_use)
        fit_columns(self.entry_table)
        self.correct_button.setEnabled(False)

    def selected_entry(self) -> FeeEntryData | None:
        """The fee selected in the lower table, if any."""
        rows = self.entry_table.selectionModel().selectedRows()
        return self.entries.entries[rows[0].row()] if rows else None

    def _on_entry_table_selection_changed(self, *_: object) -> None:
        self.correct_button.setEnabled(self.selected_entry() is not None)

    def _on_entry_table_double_clicked(self, _index: object) -> None:
        self._on_correct_button_clicked()

    def _on_correct_button_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        rows = self.schedule_table.selectionModel().selectedRows()
        shown = self.schedules.schedules[rows[0].row()].id if rows else None
        dialog = CorrectFeeDialog(self._fees, entry, entry.id in self._in_use, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            announce(Changes.SETTINGS, initiator=self)  # renewal prices follow the fees
            self.refresh()
            # Back to the schedule that was shown, with the corrected fee selected.
            ids = [schedule.id for schedule in self.schedules.schedules]
            if shown in ids:
                self.schedule_table.selectRow(ids.index(shown))
            keys = [fee.id for fee in self.entries.entries]
            if entry.id in keys:
                self.entry_table.selectRow(keys.index(entry.id))
        dialog.deleteLater()

    def _on_schedule_table_selection_changed(self, *_: object) -> None:
        rows = self.schedule_table.selectionModel().selectedRows()
        if rows:
            self._show_entries(self.schedules.schedules[rows[0].row()])

    def _on_on_date_date_changed(self, _day: QDate) -> None:
        self._show_applying()

    def _on_new_button_clicked(self) -> None:
        dialog = NewScheduleDialog(self._fees, self.schedules.schedules, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.added is not None:
            announce(Changes.SETTINGS, initiator=self)
            self.on_date.setDate(qdate(dialog.added.effective_from))
            self.refresh()
        dialog.deleteLater()
