"""Correcting a fee in the Fee schedules tab: saved while unused, refused with the reason."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog
from test_gui_fee_schedules import _column, _tab
from test_renewal_services import member, sql

from ptf_desktop.domain.fees import FeeKind
from ptf_desktop.ui.pages.correct_fee_dialog import CorrectFeeDialog
from ptf_desktop.ui.pages.fee_schedule_models import EntryTableModel

from conftest import when_modal_dialog_opens


def _select(tab: Any, kind: FeeKind, employees: int) -> int:
    row = next(i for i, e in enumerate(tab.entries.entries)
               if e.kind is kind and e.covers(employees))  # fmt: skip
    tab.entry_table.selectRow(row)
    return row


def test_an_unused_fee_is_corrected_and_a_bad_amount_is_refused(
    qtbot: Any, main_window: Any, context: Any
) -> None:
    tab = _tab(main_window)
    tab.on_date.setDate(QDate(2027, 1, 1))
    assert not tab.correct_button.isEnabled()
    row = _select(tab, FeeKind.LF_SILVER, 50)
    assert tab.correct_button.isEnabled()
    seen: list[str] = []

    def correct(dialog: QDialog) -> None:
        assert isinstance(dialog, CorrectFeeDialog)
        assert dialog.amount.text() == "5,000.00" and dialog.to_be_confirmed.isChecked()
        dialog.amount.setText("-5")
        dialog.save_button.click()
        seen.append(dialog.error.text())
        dialog.amount.setText("5,250")  # 5.25 where the comma is a decimal sign: refused
        dialog.save_button.click()
        seen.append(dialog.error.text())
        dialog.amount.setText("5,250.00")
        dialog.to_be_confirmed.setChecked(False)
        if os.environ.get("PTF_SCREENSHOTS"):
            dialog.grab().save(str(Path(os.environ["PTF_SCREENSHOTS"]) / "correct_fee.png"))
        dialog.save_button.click()

    when_modal_dialog_opens(qtbot, correct)
    tab.correct_button.click()
    assert seen == [
        "'-5' is not an amount of 0 or more (e.g. 25000.00).",
        "The amount '5,250' is not clear: write the decimals after '.' and ',' only between "
        "thousands, like 1,250.00 (or without separators: 1250.00). Fees are 0 or more "
        "(e.g. 25000.00).",
    ]
    model = tab.entry_table.model()
    assert model.index(row, EntryTableModel.AMOUNT).data() == "USD 5,250.00"
    assert model.index(row, EntryTableModel.TO_BE_CONFIRMED).data() == ""
    assert tab.selected_entry() is not None and tab.selected_entry().amount.amount == 5250
    silver = next(e for e in context.fees.schedule_on(date(2027, 1, 1)).entries
                  if e.kind is FeeKind.LF_SILVER and e.covers(50))  # fmt: skip
    assert (silver.amount.amount, silver.to_be_confirmed) == (5250, False)


def test_a_fee_used_by_an_issued_invoice_is_refused_with_the_reason(
    qtbot: Any, main_window: Any, context: Any
) -> None:
    organization = member(context, "Contoso")
    context.renewal_preparation.prepare(2027)
    sql(context, "UPDATE invoices SET status = 'issued', number = 'INV-1' "
        "WHERE organization_id = ?", organization.hex)  # fmt: skip
    tab = _tab(main_window)
    tab.refresh()
    tab.on_date.setDate(QDate(2027, 1, 1))
    row = _select(tab, FeeKind.GENERAL, 600)
    assert tab.entry_table.model().index(row, EntryTableModel.IN_USE).data() == "Yes"
    seen: list[str] = []

    def refused(dialog: QDialog) -> None:
        assert isinstance(dialog, CorrectFeeDialog)
        note = dialog.findChild(type(dialog.error), "feeCorrectNote")
        assert note is not None and note.text().startswith("Issued invoices and sent quotes")
        dialog.amount.setText("31000")
        dialog.save_button.click()
        seen.append(dialog.error.text())
        assert dialog.isVisible()  # stays open: staff read why, then cancel
        dialog.reject()

    when_modal_dialog_opens(qtbot, refused)
    tab.entry_table.doubleClicked.emit(tab.entry_table.model().index(row, 0))
    assert len(seen) == 1 and "cannot be changed" in seen[0]
    assert "add a new fee schedule" in seen[0]
    assert "USD 30,000.00" in _column(tab.entry_table, EntryTableModel.AMOUNT)
    stored = context.fees.schedule_on(date(2027, 1, 1)).entries[row]
    assert stored.amount.amount == 30_000
