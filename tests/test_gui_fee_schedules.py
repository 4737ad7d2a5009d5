"""The fee schedules tab of the Settings page: which applies when, and adding one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from ptf_desktop.ui.pages.fee_schedule_models import EntryTableModel
from ptf_desktop.ui.pages.fee_schedules_tab import FeeSchedulesTab
from ptf_desktop.ui.pages.new_schedule_dialog import NewScheduleDialog

from conftest import when_modal_dialog_opens


def _tab(main_window: Any) -> FeeSchedulesTab:
    page = main_window.page("settings")
    page.tabs.setCurrentWidget(page.fee_schedules)
    return page.fee_schedules  # type: ignore[no-any-return]


def _column(table: Any, column: int) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_published_schedule_and_its_fees(qtbot: Any, main_window: Any) -> None:
    tab = _tab(main_window)
    tab.on_date.setDate(QDate(2027, 1, 1))
    assert tab.applies.text() == (
        "On 2027-01-01 the fee schedule \u201cPublished fees\u201d (from 2022-09-01) applies."
    )
    amounts = _column(tab.entry_table, EntryTableModel.AMOUNT)
    assert "USD 150,000.00" in amounts and "USD 25,000.00" in amounts
    bands = _column(tab.entry_table, EntryTableModel.BAND)
    assert "1,000 - 2,999" in bands and "5,000 and more" in bands
    kinds = _column(tab.entry_table, EntryTableModel.KIND)
    marks = _column(tab.entry_table, EntryTableModel.TO_BE_CONFIRMED)
    tbc = dict(zip(kinds, marks, strict=True))
    assert tbc["Linux Foundation Silver membership"] == "Yes"
    tab.on_date.setDate(QDate(2020, 1, 1))
    assert tab.applies.text() == "No fee schedule is in force on 2020-01-01."
    if os.environ.get("PTF_SCREENSHOTS"):
        tab.on_date.setDate(QDate(2027, 1, 1))
        main_window.resize(1200, 760)
        main_window.grab().save(str(Path(os.environ["PTF_SCREENSHOTS"]) / "fee_schedules.png"))


def test_a_new_schedule_from_a_date_supersedes_the_old_one(
    qtbot: Any, main_window: Any, context: Any
) -> None:
    tab = _tab(main_window)
    steps: list[str] = []

    def edit(dialog: QDialog) -> None:
        assert isinstance(dialog, NewScheduleDialog)
        dialog.name.setText("Fees from 2028")
        dialog.effective.setDate(QDate(2028, 1, 1))
        model = dialog.entries
        row = next(i for i, e in enumerate(model.entries) if e.kind.value == "premier")
        amount = model.index(row, EntryTableModel.AMOUNT)
        assert not model.setData(amount, "lots")
        steps.append(model.last_error)
        assert dialog.error.text() == model.last_error != ""
        assert not model.setData(amount, "160,000")  # 160 where the comma is a decimal sign
        steps.append(model.last_error)
        assert model.setData(amount, "160,000.00")
        assert dialog.error.text() == ""
        silver = next(i for i, e in enumerate(model.entries) if e.kind.value == "lf_silver")
        mark = model.index(silver, EntryTableModel.TO_BE_CONFIRMED)
        model.setData(mark, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
        if os.environ.get("PTF_SCREENSHOTS"):
            dialog.grab().save(str(Path(os.environ["PTF_SCREENSHOTS"]) / "new_schedule.png"))
        dialog.save_button.click()

    when_modal_dialog_opens(qtbot, edit)
    tab.new_button.click()
    assert steps == [
        "The amount must be a number, not 'lots' (e.g. 1,250.00). Fees are 0 or more "
        "(e.g. 25000.00).",
        "The amount '160,000' is not clear: write the decimals after '.' and ',' only "
        "between thousands, like 1,250.00 (or without separators: 1250.00). Fees are 0 or "
        "more (e.g. 25000.00).",
    ]
    assert tab.applies.text().startswith(
        "On 2028-01-01 the fee schedule \u201cFees from 2028\u201d"
    )
    assert "USD 160,000.00" in _column(tab.entry_table, EntryTableModel.AMOUNT)
    schedules = context.fees.schedules()
    assert [s.name for s in schedules] == ["Published fees", "Fees from 2028"]
    assert not any(e.to_be_confirmed for e in schedules[1].entries if e.kind.value == "lf_silver"
                   and e.min_employees == 0)  # fmt: skip


def test_a_refused_schedule_says_why_and_stores_nothing(
    qtbot: Any, main_window: Any, context: Any
) -> None:
    tab = _tab(main_window)
    seen: list[str] = []

    def same_day(dialog: QDialog) -> None:
        assert isinstance(dialog, NewScheduleDialog)
        dialog.effective.setDate(QDate(2022, 9, 1))
        dialog.save_button.click()
        seen.append(dialog.error.text())
        dialog.reject()

    when_modal_dialog_opens(qtbot, same_day)
    tab.new_button.click()
    assert seen == ["A fee schedule already starts on 2022-09-01; choose another date."]
    assert len(context.fees.schedules()) == 1
