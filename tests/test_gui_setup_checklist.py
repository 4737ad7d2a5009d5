"""The getting-started checklist as a new office meets it: what is missing, where to do it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from ptf_desktop.services.setup_checklist import Place
from ptf_desktop.ui.changes import Changes, announce
from ptf_desktop.ui.dialogs.setup_checklist import (
    SHOW_AT_START,
    SetupChecklistDialog,
    offer_setup_checklist,
)
from ptf_desktop.ui.main_window import MainWindow

from helpers.billing import SELLER_SETTINGS
from helpers.certificates import configure_signatory, enable_signing


@pytest.fixture(autouse=True)
def shown_at_start() -> Iterator[None]:
    QSettings().remove(SHOW_AT_START)
    yield
    QSettings().remove(SHOW_AT_START)


def _marks(dialog: SetupChecklistDialog) -> dict[str, bool]:
    return {item.title: item.done for item in dialog.items}


def test_a_new_office_sees_everything_still_to_do(qtbot: QtBot, main_window: MainWindow) -> None:
    dialog = offer_setup_checklist(main_window)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    marks = _marks(dialog)
    assert list(marks) == [
        "Check the foundation's name and address", "Enter the foundation's tax ID",
        "Enter the bank details", "Name the signatory", "Choose a signing certificate",
        "Confirm the fee schedule", "Import or add the members",
    ]  # fmt: skip
    assert marks["Check the foundation's name and address"]  # the defaults are filled in
    assert not any(done for title, done in marks.items() if "name and address" not in title)
    assert [button.text() for button in dialog.open_buttons] == ["Open"] * 7
    assert dialog.intro.text() == "Before the first invoice and certificate: 1 of 7 done."
    dialog.close()


def test_each_item_opens_its_place(qtbot: QtBot, main_window: MainWindow) -> None:
    dialog = SetupChecklistDialog(main_window)
    qtbot.addWidget(dialog)
    places = [item.place for item in dialog.items]
    qtbot.mouseClick(dialog.open_buttons[places.index(Place.FEES)], Qt.MouseButton.LeftButton)
    settings = main_window.page("settings")
    assert main_window.pages.currentWidget() is settings
    assert settings.tabs.currentWidget() is settings.fee_schedules  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.open_buttons[places.index(Place.SIGNING)], Qt.MouseButton.LeftButton)
    assert settings.tabs.currentWidget() is settings.signing  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.open_buttons[places.index(Place.BANK)], Qt.MouseButton.LeftButton)
    assert settings.tabs.currentIndex() == 0  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.open_buttons[places.index(Place.MEMBERS)], Qt.MouseButton.LeftButton)
    assert main_window.pages.currentWidget() is main_window.page("organizations")


def test_items_are_ticked_off_as_they_are_done(
    qtbot: QtBot, main_window: MainWindow, memory_keyring: object, tmp_path: Path
) -> None:
    dialog = SetupChecklistDialog(main_window)
    qtbot.addWidget(dialog)
    context = main_window.context
    context.settings.save(SELLER_SETTINGS)
    announce(Changes.SETTINGS)  # what every save in the window does
    marks = _marks(dialog)
    assert marks["Enter the foundation's tax ID"] and marks["Enter the bank details"]
    assert not marks["Name the signatory"]
    configure_signatory(context)
    enable_signing(context, tmp_path)
    for schedule in context.fees.schedules():
        for entry in schedule.entries:
            if entry.to_be_confirmed:
                context.fees.change_entry(entry.id, entry.amount, to_be_confirmed=False)
    member = {"display_name": "Zoë «Ünïcödé» 株式会社", "org_type": "commercial", "country": "JP"}
    context.organizations.create(member)
    announce(Changes.SETTINGS | Changes.ORGANIZATIONS)
    assert all(_marks(dialog).values()), _marks(dialog)
    # Everything done: it no longer shows itself at start.
    assert offer_setup_checklist(main_window) is None


def test_it_stays_away_once_the_person_says_so(qtbot: QtBot, main_window: MainWindow) -> None:
    dialog = offer_setup_checklist(main_window)
    assert dialog is not None
    dialog.show_at_start.setChecked(False)
    dialog.close()
    assert offer_setup_checklist(main_window) is None


def test_help_menu_opens_it(qtbot: QtBot, main_window: MainWindow) -> None:
    help_menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&Help")
    action = next(a for a in help_menu.actions() if a.text() == "&Getting started…")
    action.trigger()
    dialogs = main_window.findChildren(SetupChecklistDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].close()
