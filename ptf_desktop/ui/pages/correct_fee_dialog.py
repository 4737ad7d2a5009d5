"""Correcting one fee of a schedule (a typo, a confirmed LF figure) before it is used.

The fee service refuses an entry that issued documents were priced from; the dialog
shows its message and stays open, so staff can cancel and add a new schedule instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.fees import FEE_KIND_LABELS, FeeEntryData
from ...domain.money import Money
from ...services.errors import UserError
from ...services.renewals.fee_service import FeeService
from ..widgets.dialog_buttons import Standard, dialog_buttons
from ..widgets.problem_label import error_line
from ..widgets.text_label import text_label
from .fee_schedule_models import amount_refusal, parse_amount


class CorrectFeeDialog(QDialog):
    """Change the amount or the to-be-confirmed mark of one fee.

    Attributes:
        changed: the fee as stored after a successful save (None until then).
    """

    def __init__(
        self, fees: FeeService, entry: FeeEntryData, in_use: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("correctFeeDialog")
        self.setWindowTitle("Correct a fee")
        self._fees = fees
        self._entry = entry
        self.changed: FeeEntryData | None = None
        what = text_label(f"{FEE_KIND_LABELS[entry.kind]}, {entry.band} employees")
        self.amount = QLineEdit(f"{entry.amount.amount:,}")
        self.amount.setObjectName("feeAmount")
        self.to_be_confirmed = QCheckBox("To be confirmed")
        self.to_be_confirmed.setObjectName("feeToBeConfirmed")
        self.to_be_confirmed.setChecked(entry.to_be_confirmed)
        note = text_label(
            "Issued invoices and sent quotes were priced from this fee: it can no longer be "
            "changed. Add a new fee schedule from the date the new fee applies."
            if in_use
            else "No issued document uses this fee yet, so it can be corrected. Drafts "
            "priced from it keep their amounts until they are edited.",
            name="feeCorrectNote",
            wrap=True,
        )
        self.error = error_line("feeCorrectError")
        buttons = dialog_buttons(self, Standard.Save, self._on_buttons_accepted)
        self.save_button = buttons.button(Standard.Save)
        form = QFormLayout()
        form.addRow("Fee", what)
        form.addRow(f"Amount ({entry.amount.currency})", self.amount)
        form.addRow("", self.to_be_confirmed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_buttons_accepted(self) -> None:
        amount = parse_amount(self.amount.text())
        if amount is None:
            self.error.setText(amount_refusal(self.amount.text()))
            return
        assert self._entry.id is not None  # stored fees have ids
        try:
            self.changed = self._fees.change_entry(
                self._entry.id,
                Money(amount, self._entry.amount.currency),
                self.to_be_confirmed.isChecked(),
            )
        except UserError as problem:
            self.error.setText(str(problem))
            return
        self.accept()
