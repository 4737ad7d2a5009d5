"""The "Invoices and tax" settings tab: tax wording, the Factur-X switch and the tax ID."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit
from pytestqt.qtbot import QtBot

from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.settings_page import SettingsPage
from ptf_desktop.ui.pages.tax_settings_tab import TaxSettingsTab


def tax_tab(window: MainWindow) -> TaxSettingsTab:
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    page.tabs.setCurrentWidget(page.tax)
    return page.tax


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def toggle(qtbot: QtBot, tab: TaxSettingsTab, name: str) -> None:
    box = tab.fields[name].editor
    assert isinstance(box, QCheckBox)
    # On the box itself: a check box wider than its text ignores clicks beside the text.
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def line(tab: TaxSettingsTab, name: str) -> QLineEdit:
    editor = tab.fields[name].editor
    assert isinstance(editor, QLineEdit)
    return editor


def test_wording_switches_and_tax_id_are_saved_and_shown_on_the_foundation_tab(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    tab = tax_tab(main_window)
    context = main_window.context
    assert tab.fields["facturx_enabled"].editor.isChecked()  # on by default
    assert tab.facturx_note.isVisible()  # a fresh database has no tax ID yet
    assert not tab.save_button.isEnabled()

    retype(qtbot, line(tab, "tax_exemption_wording"), "Not subject to US sales tax.")
    toggle(qtbot, tab, "reverse_charge_enabled")
    retype(qtbot, line(tab, "reverse_charge_wording"), "Reverse charge: Art. 196 VAT Directive.")
    retype(qtbot, line(tab, "tax_id"), "46-0825839")
    assert not tab.facturx_note.isVisible()
    assert tab.status.text() == "Unsaved changes"
    main_window.grab().save(str(tmp_path / "tax-settings.png"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)

    assert tab.status.text() == "Saved." and not tab.save_button.isEnabled()
    stored = context.document_settings.load()
    assert stored.tax_exemption_wording == "Not subject to US sales tax."
    assert stored.reverse_charge_enabled
    assert stored.reverse_charge_wording == "Reverse charge: Art. 196 VAT Directive."
    assert context.settings.load().tax_id == "46-0825839"
    page = main_window.page("settings")
    assert isinstance(page, SettingsPage)
    assert page.fields["tax_id"].value() == "46-0825839"  # the Foundation tab follows

    main_window.undo_stack.undo()  # one step undoes the whole save
    assert context.settings.load().tax_id == ""
    assert context.document_settings.load().tax_exemption_wording == ""
    assert line(tab, "tax_exemption_wording").text() == ""
    assert tab.facturx_note.isVisible()


def test_a_refused_value_is_explained_inline_and_nothing_is_stored(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    tab = tax_tab(main_window)
    context = main_window.context
    before = context.document_settings.load()
    retype(qtbot, line(tab, "default_tax_rate"), "150")
    line(tab, "default_tax_rate").editingFinished.emit()  # leaving the field checks it
    assert tab.fields["default_tax_rate"].error() == (
        "The tax rate is a percentage between 0 and 100, 2 decimals."
    )
    retype(qtbot, line(tab, "tax_exemption_wording"), "x" * 501)
    toggle(qtbot, tab, "facturx_enabled")
    assert not tab.facturx_note.isVisible()  # Factur-X off needs no tax ID
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)

    assert tab.status.text() == "Not saved: 2 fields to correct."
    assert tab.fields["tax_exemption_wording"].error() == "At most 500 characters."
    assert context.document_settings.load() == before  # nothing stored, Factur-X still on

    retype(qtbot, line(tab, "default_tax_rate"), "19")
    retype(qtbot, line(tab, "tax_exemption_wording"), "Exempt.")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.status.text() == "Saved."
    assert tab.fields["default_tax_rate"].error() is None
    stored = context.document_settings.load()
    assert (stored.default_tax_rate, stored.facturx_enabled) == (Decimal(19), False)


def test_revert_shows_the_stored_values_again(qtbot: QtBot, main_window: MainWindow) -> None:
    tab = tax_tab(main_window)
    retype(qtbot, line(tab, "tax_id"), "not a tax id ###")
    line(tab, "tax_id").editingFinished.emit()
    assert tab.fields["tax_id"].error()  # refused inline, as on the Foundation tab
    qtbot.mouseClick(tab.revert_button, Qt.MouseButton.LeftButton)
    assert line(tab, "tax_id").text() == ""
    assert tab.fields["tax_id"].error() is None
    assert tab.status.text() == "Reverted to the stored settings."
    assert not tab.save_button.isEnabled()
