"""Safe forms: the wheel scrolls pages, unsaved settings are never lost without asking.

Spin boxes and combo boxes take the wheel only when focused; leaving Settings or
closing the window with unsaved edits asks Save, Discard or Cancel; Ctrl+S saves;
lists and yearly dates are edited as lists and dates.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages import AREAS
from ptf_desktop.ui.pages.settings_page import SettingsPage
from ptf_desktop.ui.widgets.value_editors import ChoiceListEditor, MonthDayEditor, OffsetListEditor

from helpers.billing_ui import when_dialog_opens


def settings(window: MainWindow) -> SettingsPage:
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    return page


def turn_wheel(widget: QWidget, notches: int) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def type_city(qtbot: QtBot, page: SettingsPage, text: str) -> None:
    field = page.findChild(QLineEdit, "field_city")
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_the_wheel_over_an_unfocused_spin_box_leaves_its_value_alone(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = settings(main_window)
    years = page.findChild(QSpinBox, "field_premier_commitment_years")
    assert years.value() == 2
    page.findChild(QLineEdit, "field_city").setFocus()
    turn_wheel(years, -1)
    assert years.value() == 2 and not page.has_unsaved_changes()
    years.setFocus()
    qtbot.waitUntil(years.hasFocus)
    turn_wheel(years, -1)  # focused: the wheel is meant for it
    assert years.value() == 1
    page.discard_changes()  # closing with the edit would ask


def test_leaving_settings_with_unsaved_edits_asks_and_cancel_stays(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = settings(main_window)
    type_city(qtbot, page, "Boston")
    seen: dict[str, Any] = {}

    def cancel(box: QMessageBox) -> None:
        seen["text"] = box.text()
        seen["buttons"] = sorted(b.text().replace("&", "") for b in box.buttons())
        box.button(QMessageBox.StandardButton.Cancel).click()

    when_dialog_opens(qtbot, QMessageBox, cancel)
    main_window.navigation.setCurrentRow(0)
    assert seen["text"] == "Settings has changes that are not saved. Save them?"
    assert "Save" in seen["buttons"] and "Cancel" in seen["buttons"]
    assert any(text in seen["buttons"] for text in ("Discard", "Close without Saving"))
    assert main_window.pages.currentWidget() is page
    settings_row = [area.key for area in AREAS].index("settings")
    assert main_window.navigation.currentRow() == settings_row and page.has_unsaved_changes()

    save_text = QMessageBox.StandardButton.Save
    when_dialog_opens(qtbot, QMessageBox, lambda box: box.button(save_text).click())
    main_window.navigation.setCurrentRow(0)
    assert main_window.context.settings.load().city == "Boston"
    assert main_window.navigation.currentRow() == 0


def test_discard_on_leaving_shows_the_stored_values(qtbot: QtBot, main_window: MainWindow) -> None:
    page = settings(main_window)
    type_city(qtbot, page, "Nowhere")
    discard = QMessageBox.StandardButton.Discard
    when_dialog_opens(qtbot, QMessageBox, lambda box: box.button(discard).click())
    main_window.navigation.setCurrentRow(1)
    assert main_window.navigation.currentRow() == 1
    assert page.findChild(QLineEdit, "field_city").text() == "San Francisco"
    assert main_window.context.settings.load().city == "San Francisco"


def test_closing_the_window_with_unsaved_edits_asks_and_cancel_keeps_it_open(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = settings(main_window)
    type_city(qtbot, page, "Lisbon")
    cancel = QMessageBox.StandardButton.Cancel
    when_dialog_opens(qtbot, QMessageBox, lambda box: box.button(cancel).click())
    assert not main_window.close()
    assert main_window.isVisible()
    when_dialog_opens(
        qtbot, QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Save).click()
    )
    assert main_window.close()
    assert main_window.context.settings.load().city == "Lisbon"


def test_ctrl_s_saves_the_settings_and_the_status_bar_says_so(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = settings(main_window)
    type_city(qtbot, page, "Geneva")
    field = page.findChild(QLineEdit, "field_city")
    main_window.activateWindow()  # shortcuts work in the active window
    qtbot.waitUntil(main_window.isActiveWindow)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert main_window.context.settings.load().city == "Geneva"
    assert page.status.text() == "Saved."
    assert main_window.statusBar().currentMessage() == "Settings saved"


def test_lists_and_yearly_dates_are_edited_as_lists_and_dates(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = settings(main_window)
    types = page.fields["associate_eligible_types"].editor
    assert isinstance(types, ChoiceListEditor)
    assert [box.text() for box in types.boxes.values() if box.isChecked()] == [
        "Academic", "Non-profit",
    ]  # fmt: skip
    qtbot.mouseClick(types.boxes["government"], Qt.MouseButton.LeftButton)

    notice = page.fields["fee_increase_notice_date"].editor
    assert isinstance(notice, MonthDayEditor)
    assert (notice.day.value(), notice.month.currentText()) == (15, "October")
    notice.month.setCurrentIndex(1)
    notice.month.activated.emit(1)  # February has 28 days in a setting for every year
    assert notice.day.maximum() == 28
    notice.day.setValue(20)

    offsets = page.fields["reminder_offsets"].editor
    assert isinstance(offsets, OffsetListEditor)
    shown = [offsets.list.item(row).text() for row in range(offsets.list.count())]
    assert shown == [
        "90 days before the term ends", "60 days before the term ends",
        "30 days before the term ends", "On the day the term ends",
        "15 days after the term ends",
    ]  # fmt: skip
    offsets.days.setValue(7)
    qtbot.mouseClick(offsets.add_button, Qt.MouseButton.LeftButton)
    offsets.list.setCurrentRow(0)
    qtbot.mouseClick(offsets.remove_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    stored = main_window.context.settings.load()
    assert stored.associate_eligible_types == "academic,government,nonprofit"
    assert stored.fee_increase_notice_date == "02-20"
    assert stored.reminder_offsets == "60,30,7,0,-15"
