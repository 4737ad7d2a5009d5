"""The Settings page as a person uses it: type, save, see errors, undo, revert, history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ptf_desktop.services.context import open_context
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.settings_page import SettingsPage


def settings_page(window: MainWindow) -> SettingsPage:
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    return page


def editor(page: SettingsPage, name: str) -> QLineEdit:
    found = page.findChild(QLineEdit, f"field_{name}")
    assert found is not None
    return found


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def menu_action(window: MainWindow, menu: str, text: str):  # type: ignore[no-untyped-def]
    for top in window.menuBar().actions():
        if top.text().replace("&", "") == menu:
            for action in top.menu().actions():
                if action.text().replace("&", "").startswith(text):
                    return action
    raise AssertionError(f"no {menu} > {text}")


def test_a_saved_setting_is_there_after_reopening(qtbot: QtBot, main_window: MainWindow) -> None:
    page = settings_page(main_window)
    assert not page.save_button.isEnabled()
    retype(qtbot, editor(page, "signatory_name"), "Jane Example")
    retype(qtbot, editor(page, "signatory_title"), "Executive Director")
    assert page.status.text() == "Unsaved changes" and page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Saved." and not page.save_button.isEnabled()
    path = main_window.context.path
    main_window.close()

    reopened = open_context(path)
    assert reopened.settings.load().signatory_name == "Jane Example"
    window = MainWindow(reopened, main_window.paths)
    qtbot.addWidget(window)
    assert editor(settings_page(window), "signatory_title").text() == "Executive Director"


def test_a_bad_iban_is_explained_next_to_the_field_and_nothing_is_saved(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = settings_page(main_window)
    retype(qtbot, editor(page, "city"), "Boston")
    retype(qtbot, editor(page, "iban"), "GB82 WEST 1234 5698 7654 33")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    error = page.fields["iban"].error_label
    assert error.isVisible() and "check digits do not match" in error.text()
    assert editor(page, "iban").property("invalid") is True
    assert page.status.text() == "Not saved: 1 field to correct."
    stored = main_window.context.settings.load()
    assert (stored.iban, stored.city) == ("", "San Francisco")
    # Correcting it clears the message and saves everything together.
    retype(qtbot, editor(page, "iban"), "GB82 WEST 1234 5698 7654 32")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not error.isVisible()
    stored = main_window.context.settings.load()
    assert (stored.iban, stored.city) == ("GB82WEST12345698765432", "Boston")


def test_an_email_without_a_domain_is_flagged_when_leaving_the_field(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = settings_page(main_window)
    field = editor(page, "billing_email")
    qtbot.keyClicks(field, "billing@")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert (
        "There must be something after the @-sign"
        in page.fields["billing_email"].error_label.text()
    )
    retype(qtbot, field, "billing@pytorch.org")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert page.fields["billing_email"].error() is None
    page.discard_changes()  # closing with unsaved edits would ask


def test_undo_and_redo_a_save_from_the_edit_menu(qtbot: QtBot, main_window: MainWindow) -> None:
    page = settings_page(main_window)
    retype(qtbot, editor(page, "bank_name"), "Example Bank")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    undo = menu_action(main_window, "Edit", "Undo")
    redo = menu_action(main_window, "Edit", "Redo")
    assert undo.isEnabled() and "Bank name" in undo.text()

    undo.trigger()
    assert editor(page, "bank_name").text() == ""
    assert main_window.context.settings.load().bank_name == ""

    redo.trigger()
    assert editor(page, "bank_name").text() == "Example Bank"
    assert main_window.context.settings.load().bank_name == "Example Bank"


def test_revert_shows_the_stored_values_again(qtbot: QtBot, main_window: MainWindow) -> None:
    page = settings_page(main_window)
    retype(qtbot, editor(page, "city"), "Nowhere")
    assert page.revert_button.isEnabled()
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert editor(page, "city").text() == "San Francisco"
    assert not page.save_button.isEnabled()


def test_the_history_tab_shows_who_changed_what(qtbot: QtBot, main_window: MainWindow) -> None:
    page = settings_page(main_window)
    retype(qtbot, editor(page, "signatory_name"), "Ada")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    retype(qtbot, editor(page, "signatory_name"), "Grace")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    page.tabs.setCurrentWidget(page.history)
    model = page.history.model
    rows = [
        tuple(model.index(row, column).data() for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]
    assert (main_window.context.actor, "Signatory name", "Ada", "Grace") in [r[1:5] for r in rows]


def test_tricky_names_survive_the_form(
    qtbot: QtBot, main_window: MainWindow, tricky_names: list[str]
) -> None:
    page = settings_page(main_window)
    field = editor(page, "legal_name")
    for name in tricky_names:
        field.setText(name)  # keyClicks cannot type a tab character into a line edit
        field.textEdited.emit(name)
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert page.status.text() == "Saved.", name
        assert main_window.context.settings.load().legal_name == name.strip()
        assert field.text() == name.strip()
