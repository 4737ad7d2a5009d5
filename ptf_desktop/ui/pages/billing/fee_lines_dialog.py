"""Pricing membership lines from the fee schedule for a quote: tier and period in, lines out."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from ....domain.organizations import Tier
from ....services.billing.drafts import DraftLineSpec
from ....services.billing.quote_lines import lines_from_price
from ....services.errors import UserError
from ...widgets.dialog_buttons import Standard, dialog_buttons
from ...widgets.problem_label import problem_label
from .display import day_of


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class FeeLinesDialog(QDialog):
    """Asks the tier and period, prices them with the fee service, keeps the lines.

    Attributes:
        lines: the priced lines (empty until accepted).
    """

    def __init__(
        self, fees: Any, organization_id: uuid.UUID, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feeLinesDialog")
        self.setWindowTitle("Membership from the fee schedule")
        self._fees = fees
        self._organization_id = organization_id
        self.lines: tuple[DraftLineSpec, ...] = ()
        self.tier = QComboBox()
        self.tier.addItem("The organization's next or current tier", None)
        for tier in Tier:
            self.tier.addItem(tier.value.capitalize(), tier)
        self.start = QDateEdit(_qdate(date(today.year + 1, 1, 1)))
        self.end = QDateEdit(_qdate(date(today.year + 1, 12, 31)))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
        self.problem = problem_label("dialogProblem")
        form = QFormLayout()
        form.addRow("Tier:", self.tier)
        form.addRow("From:", self.start)
        form.addRow("To (inclusive):", self.end)
        self.buttons = dialog_buttons(self, Standard.Ok, self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _on_buttons_accepted(self) -> None:
        try:
            price = self._fees.price_organization(
                self._organization_id,
                day_of(self.start.date()),
                day_of(self.end.date()),
                self.tier.currentData(),
            )
        except UserError as problem:
            self.problem.setText(str(problem))
            self.problem.show()
            return
        self.lines = lines_from_price(price)
        self.accept()
