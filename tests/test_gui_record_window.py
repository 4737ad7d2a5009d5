"""The organization record window as a person uses it: it fits, Ctrl+S, Ctrl+P, closing.

A long name shortens in the title (whole on hover) and never widens the window past its
screen, at 1024x700 and at 150% scale, Save staying on screen. Ctrl+S saves the fields
and says so; Ctrl+P prints what the window shows; closing with unsaved fields asks Save,
Discard or Cancel, and a refused save keeps the window open with what to correct.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.database_actions import switch_to
from ptf_desktop.ui.feedback import feedback_hub
from ptf_desktop.ui.pages.organizations.editor import OrganizationEditorDialog
from ptf_desktop.ui.pages.organizations.record_window import open_organization
from ptf_desktop.ui.pages.record_windows import (
    close_record_windows,
    may_close_record_windows,
    open_record_windows,
)

from conftest import REPOSITORY, when_modal_dialog_opens
from helpers.record_window_fit import record_window_fit

SHOTS = os.environ.get("PTF_SCREENSHOTS")  # a folder to save screenshots into, when set


@pytest.fixture
def undo_stack() -> Iterator[QUndoStack]:
    stack = QUndoStack()
    yield stack
    stack.clear()


@pytest.fixture(autouse=True)
def closed_windows(qtbot: QtBot) -> Iterator[None]:
    """Record windows left open are closed; edits a failed test left behind do not ask."""
    yield
    for window in open_record_windows():
        if isinstance(window, OrganizationEditorDialog):
            window.organization_tab.revert()
        window.close()


def add(context: AppContext, name: str, **fields: object) -> uuid.UUID:
    raw = {"display_name": name, "legal_name": name, "org_type": "commercial", "country": "US"}
    return context.organizations.create({**raw, **fields})


def longest(names: list[str], count: int = 4) -> list[str]:
    return sorted(names, key=len)[-count:]


def open_window(
    qtbot: QtBot, context: AppContext, stack: QUndoStack, organization_id: uuid.UUID
) -> OrganizationEditorDialog:
    """The record window as the app opens it, made the active window (shortcuts work there)."""
    window = open_organization(context, stack, organization_id, None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def field(window: OrganizationEditorDialog, name: str) -> QLineEdit:
    found = window.findChild(QLineEdit, f"field_{name}")
    assert found is not None, name
    return found


def retype(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)


def ctrl(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def answer_unsaved(qtbot: QtBot, button: QMessageBox.StandardButton, seen: list[Any]) -> None:
    """Answer the next unsaved-changes question with ``button``, noting its text and buttons."""

    def act(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), [box.standardButton(b) for b in box.buttons()]))
        box.button(button).click()

    when_modal_dialog_opens(qtbot, act)


def answer_in_turn(
    qtbot: QtBot, answers: list[QMessageBox.StandardButton], seen: list[Any]
) -> None:
    """Answer the next questions, one after the other, with ``answers``."""

    def act(box: Any) -> None:
        seen.append((box.text(), []))
        box.button(answers[0]).click()
        if answers[1:]:
            answer_in_turn(qtbot, answers[1:], seen)

    when_modal_dialog_opens(qtbot, act)


def said() -> list[str]:
    messages: list[str] = []
    feedback_hub().said.connect(messages.append)
    return messages


# -- fitting the screen -------------------------------------------------------------------


def test_a_long_name_shortens_in_the_title_and_never_widens_the_window(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack, tricky_names: list[str]
) -> None:
    app = QApplication.instance()
    for name in longest(tricky_names):
        window = open_window(qtbot, context, undo_stack, add(context, name))
        seen = record_window_fit(window, app)  # type: ignore[arg-type]
        assert seen["on_screen"], (name, seen["frame"], seen["screen"])
        assert seen["save_visible"] and seen["save_on_screen"] and seen["save_in_window"], name
        assert all(widgets == [] for widgets in seen["outside"].values()), seen["outside"]
        assert window.title.full_text() == name
        if window.title.is_elided():  # cut: the whole name on hover
            assert window.title.shown_text().endswith("…")
            assert window.title.toolTip() == name
        window.organization_tab.revert()
        window.close()
    longest_name = longest(tricky_names, 1)[0]
    assert len(longest_name) > 150  # the list still holds a name too long for any window
    assert seen["title_elided"] and seen["title_tooltip"] == longest_name
    if SHOTS:
        window.grab().save(os.path.join(SHOTS, "organization-record-long-name.png"))


SCREENS = {
    "1024x700": ({"width": 1024, "height": 700}, {}, 1.0),
    "150% of 1600x1000": ({"width": 1600, "height": 1000}, {"QT_SCALE_FACTOR": "1.5"}, 1.5),
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_record_window_fits_a_small_screen_and_150_percent_scale(
    screen: str, context: AppContext, tmp_path: Path, tricky_names: list[str]
) -> None:
    size, scale, ratio = SCREENS[screen]
    names = longest(tricky_names)
    ids = [str(add(context, name)) for name in names]
    database = str(context.path)
    context.close()
    config = tmp_path / "screen.json"
    layout = {"name": "screen", "x": 0, "y": 0, "logicalDpi": 96, "logicalBpi": 96, **size}
    config.write_text(json.dumps({"screens": [layout]}), encoding="utf-8")
    environment = {
        **os.environ,
        **scale,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": os.pathsep.join([str(REPOSITORY), str(REPOSITORY / "tests")]),
    }
    result = subprocess.run(
        [sys.executable, "-m", "helpers.record_window_fit", database, *ids],
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert sorted(seen) == sorted(names)
    for name, fit in seen.items():
        assert fit["ratio"] == ratio
        assert fit["on_screen"], (name, fit["frame"], fit["screen"])
        assert fit["save_visible"] and fit["save_on_screen"] and fit["save_in_window"], name
        assert all(widgets == [] for widgets in fit["outside"].values()), fit["outside"]
    assert seen[names[-1]]["title_elided"] and seen[names[-1]]["title_tooltip"] == names[-1]


# -- Ctrl+S -------------------------------------------------------------------------------


def test_ctrl_s_saves_the_fields_and_says_so(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack, tricky_names: list[str]
) -> None:
    name = tricky_names[2]  # <Holding> & Sons "Quoted" Ltd.
    organization = add(context, name)
    window = open_window(qtbot, context, undo_stack, organization)
    messages = said()
    city = field(window, "city")
    retype(qtbot, city, "Geneva")
    assert window.organization_tab.save_button.isEnabled()
    ctrl(qtbot, city, Qt.Key.Key_S)
    assert context.organizations.get(organization).fields.city == "Geneva"
    assert window.status_line.text() == f"Saved {name}"
    assert messages == [f"Saved {name}"]
    assert not window.organization_tab.save_button.isEnabled()
    assert undo_stack.undoText().startswith("edit of")

    ctrl(qtbot, city, Qt.Key.Key_S)
    assert window.status_line.text() == "Nothing to save"

    # From another tab: the fields typed on the Organization tab are saved all the same.
    retype(qtbot, field(window, "postal_code"), "8001")
    window.show_tab("Contacts")
    window.contacts_tab.table.setFocus()
    ctrl(qtbot, window.contacts_tab.table, Qt.Key.Key_S)
    assert context.organizations.get(organization).fields.postal_code == "8001"
    assert window.status_line.text() == f"Saved {name}"


def test_ctrl_s_with_a_mistake_saves_nothing_and_shows_what_to_correct(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    organization = add(context, "Example Labs")
    window = open_window(qtbot, context, undo_stack, organization)
    retype(qtbot, field(window, "display_name"), "")
    window.show_tab("History")
    window.history.setFocus()
    ctrl(qtbot, window.history, Qt.Key.Key_S)
    assert context.organizations.get(organization).fields.display_name == "Example Labs"
    assert window.tabs.currentWidget() is window.organization_tab  # where the mistake is
    error = window.organization_tab.form.fields["display_name"].error_label
    assert error.isVisible() and error.text()
    assert window.status_line.text() == "Not saved: 1 field to correct."


def test_the_status_line_clears_after_a_while(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    window = open_window(qtbot, context, undo_stack, add(context, "Example Labs"))
    window._status_timer.setInterval(100)
    ctrl(qtbot, field(window, "city"), Qt.Key.Key_S)
    assert window.status_line.text() == "Nothing to save"
    qtbot.waitUntil(lambda: window.status_line.text() == "", timeout=3000)


# -- closing with unsaved fields ----------------------------------------------------------


def test_closing_with_unsaved_fields_offers_save_discard_and_cancel(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack, tricky_names: list[str]
) -> None:
    name = tricky_names[2]
    organization = add(context, name)
    window = open_window(qtbot, context, undo_stack, organization)
    retype(qtbot, field(window, "city"), "Lisbon")
    buttons = QMessageBox.StandardButton
    seen: list[Any] = []
    answer_unsaved(qtbot, buttons.Cancel, seen)
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    text, offered = seen[0]
    assert text == f"{name} has changes that are not saved. Save them?"  # the name as typed
    assert set(offered) == {buttons.Save, buttons.Discard, buttons.Cancel}
    assert window.isVisible() and context.organizations.get(organization).fields.city == ""

    answer_unsaved(qtbot, buttons.Save, seen)
    qtbot.keyClick(field(window, "city"), Qt.Key.Key_Escape)  # Escape closes as Close does
    qtbot.waitUntil(lambda: not window.isVisible())
    assert context.organizations.get(organization).fields.city == "Lisbon"


def test_save_in_the_question_refused_keeps_the_window_open_with_the_mistake_shown(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    organization = add(context, "Example Labs")
    window = open_window(qtbot, context, undo_stack, organization)
    window.show_tab("Organization")
    retype(qtbot, field(window, "vat_id"), "FR123")
    window.show_tab("Contacts")
    buttons = QMessageBox.StandardButton
    seen: list[Any] = []
    answer_unsaved(qtbot, buttons.Save, seen)
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert seen and window.isVisible()
    assert window.tabs.currentWidget() is window.organization_tab
    error = window.organization_tab.form.fields["vat_id"].error_label
    assert error.isVisible() and error.text()
    assert context.organizations.get(organization).fields.vat_id == ""

    answer_unsaved(qtbot, buttons.Discard, seen)
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert context.organizations.get(organization).fields.vat_id == ""


def test_closing_the_application_asks_each_record_window_with_unsaved_fields(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    saved, dropped = add(context, "Example Labs"), add(context, "Acme Robotics GmbH")
    first = open_window(qtbot, context, undo_stack, saved)
    retype(qtbot, field(first, "city"), "Lisbon")
    second = open_window(qtbot, context, undo_stack, dropped)
    retype(qtbot, field(second, "city"), "Porto")
    buttons = QMessageBox.StandardButton
    seen: list[Any] = []
    answer_unsaved(qtbot, buttons.Cancel, seen)
    assert not may_close_record_windows()  # Cancel: the application stays open
    assert first.isVisible() and second.isVisible()
    assert seen[0][0] == "Example Labs — Organization has changes that are not saved. Save them?"

    # The database is going away: each window may still save; Cancel cannot keep it open.
    answer_in_turn(qtbot, [buttons.Save, buttons.Cancel], seen)
    close_record_windows()
    qtbot.waitUntil(lambda: open_record_windows() == [])
    assert context.organizations.get(saved).fields.city == "Lisbon"
    assert context.organizations.get(dropped).fields.city == ""


# -- Ctrl+P -------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def test_ctrl_p_prints_the_record_and_the_list_a_tab_shows(
    qtbot: QtBot,
    context: AppContext,
    undo_stack: QUndoStack,
    tricky_names: list[str],
    pdf_printer: Path,
) -> None:
    name = tricky_names[2]  # <Holding> & Sons "Quoted" Ltd.: printed as typed, not as markup
    organization = add(context, name, city="Porto")
    context.organizations.add_contact(
        organization, {"name": "Pat Doe", "email": "pat@example.org", "roles": ["billing"]}
    )
    window = open_window(qtbot, context, undo_stack, organization)
    ctrl(qtbot, field(window, "city"), Qt.Key.Key_P)
    text = pdf_text(pdf_printer)
    assert name in text and "Legal name" in text and "Porto" in text
    assert window.status_line.text() == f"Printed {name}"

    pdf_printer.unlink()
    window.show_tab("Contacts")
    window.contacts_tab.table.setFocus()
    ctrl(qtbot, window.contacts_tab.table, Qt.Key.Key_P)
    text = pdf_text(pdf_printer)
    assert f"{name} — Contacts" in text
    assert "Pat Doe" in text and "pat@example.org" in text and "Billing" in text
    assert window.status_line.text() == f"Printed {name}: Contacts"


def test_ctrl_p_in_a_new_organizations_window_says_there_is_nothing_yet(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack, pdf_printer: Path
) -> None:
    window = open_organization(context, undo_stack, uuid.uuid4(), None, new=True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctrl(qtbot, field(window, "display_name"), Qt.Key.Key_P)
    assert not pdf_printer.exists()
    assert window.status_line.text() == "Nothing to print: the organization is not saved yet"


def test_cancel_in_a_record_windows_question_keeps_the_application_open(
    qtbot: QtBot, main_window: Any, undo_stack: QUndoStack, tricky_names: list[str]
) -> None:
    context = main_window.context
    organization = add(context, tricky_names[0])
    window = open_window(qtbot, context, undo_stack, organization)
    retype(qtbot, field(window, "city"), "Lisbon")
    seen: list[Any] = []
    answer_unsaved(qtbot, QMessageBox.StandardButton.Cancel, seen)

    main_window.close()

    assert seen, "closing the application did not ask about the record window's edits"
    assert main_window.isVisible() and window.isVisible()
    assert field(window, "city").text() == "Lisbon"
    window.discard_changes()  # the fixture's closing then asks nothing


def test_opening_another_database_asks_about_a_record_windows_edits_first(
    qtbot: QtBot, main_window: Any, undo_stack: QUndoStack, tricky_names: list[str],
    tmp_path: Path,
) -> None:  # fmt: skip
    context = main_window.context
    organization = add(context, tricky_names[1])
    window = open_window(qtbot, context, undo_stack, organization)
    retype(qtbot, field(window, "city"), "Lisbon")
    other = tmp_path / "other" / "ptf.sqlite"
    other.parent.mkdir()
    cancelled: list[Any] = []
    answer_unsaved(qtbot, QMessageBox.StandardButton.Cancel, cancelled)

    assert not switch_to(main_window, other)

    assert cancelled, "opening another database did not ask about the record window's edits"
    assert main_window.context is context and context.is_open()
    assert window.isVisible() and field(window, "city").text() == "Lisbon"
    assert not other.exists()  # nothing was opened or created

    discarded: list[Any] = []
    answer_unsaved(qtbot, QMessageBox.StandardButton.Discard, discarded)
    assert switch_to(main_window, other)

    assert discarded and not window.isVisible()
    assert main_window.context.path == other and not context.is_open()
