"""Asking for the day written notice of non-renewal arrived."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QLabel, QVBoxLayout, QWidget

from ...widgets.dialog_buttons import Standard, dialog_buttons


class NoticeDialog(QDialog):
    """A date, defaulting to today, with OK and Cancel."""

    def __init__(self, name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Non-renewing")
        label = QLabel(f"When did written notice that {name} will not renew arrive?")
        label.setWordWrap(True)
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setObjectName("noticeDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        buttons = dialog_buttons(self, Standard.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.date_edit)
        layout.addWidget(buttons)

    def notice_on(self) -> date:
        """The date chosen."""
        day = self.date_edit.date()
        return date(day.year(), day.month(), day.day())
