"""The main window as a person meets it: areas, menus, status bar, backups and other files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop import __version__
from ptf_desktop.services import database_service
from ptf_desktop.services.context import open_context
from ptf_desktop.ui import database_actions
from ptf_desktop.ui.dialogs.about_dialog import AboutDialog
from ptf_desktop.ui.dialogs.restore_dialog import RestoreDialog
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages import AREAS
from ptf_desktop.ui.startup import open_database_interactively

from conftest import click_button, when_modal_dialog_opens

AREA_TITLES = [
    "Dashboard", "Organizations", "Contacts", "Renewals", "Quotes", "Invoices", "Certificates",
    "Settings",
]  # fmt: skip


def menu_texts(window: MainWindow) -> dict[str, list[str]]:
    return {
        top.text().replace("&", ""): [
            action.text().replace("&", "") for action in top.menu().actions() if action.text()
        ]
        for top in window.menuBar().actions()
    }


def test_sidebar_status_bar_and_title(main_window: MainWindow) -> None:
    navigation = main_window.navigation
    assert [navigation.item(row).text() for row in range(navigation.count())] == AREA_TITLES
    assert main_window.database_label.text() == f"Database: {main_window.context.path}"
    assert main_window.context.path.name in main_window.windowTitle()


def test_menus_offer_the_database_actions(main_window: MainWindow) -> None:
    menus = menu_texts(main_window)
    assert menus["File"] == [
        "New database…", "Open database…", "Back up now", "Restore from backup…",
        "Import another register…", "Export", "Print…", "Quit",
    ]  # fmt: skip
    assert [text.split(" ")[0] for text in menus["Edit"]] == ["Undo", "Redo"]
    assert menus["Help"] == [
        "User guide", "Keyboard shortcuts", "Getting started…", "About PTF Desktop",
        "Open log folder",
    ]  # fmt: skip


@pytest.mark.parametrize("row", range(len(AREAS)))
def test_every_area_opens_its_page_titled_and_described(
    qtbot: QtBot, main_window: MainWindow, row: int
) -> None:
    main_window.navigation.setCurrentRow(row)

    def titled() -> bool:  # the first page is built a moment after the window shows
        page = main_window.pages.currentWidget()
        return AREAS[row].title in [label.text() for label in page.findChildren(QLabel)]

    qtbot.waitUntil(titled)
    assert main_window.navigation.item(row).toolTip() == AREAS[row].summary


def test_back_up_now_writes_a_backup_and_says_where(main_window: MainWindow) -> None:
    main_window.findChild(type(main_window.menuBar().actions()[0]), "")  # menus are built
    database_actions.back_up_now(main_window)
    backups = database_service.list_backups(main_window.context.path)
    assert len(backups) == 1
    assert main_window.statusBar().currentMessage() == f"Backup written to {backups[0].path}"


def test_restore_from_backup_through_the_dialog(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.context.settings.save({"signatory_name": "In the backup"})
    database_service.back_up(main_window.context.path)
    main_window.context.settings.save({"signatory_name": "Changed later"})

    def choose_newest(dialog: RestoreDialog) -> None:
        assert isinstance(dialog, RestoreDialog)
        assert dialog.model.rowCount() == 1
        assert dialog.table.model().index(0, 1).data() == "Backed up by hand"
        click_button(dialog, "Restore")

    when_modal_dialog_opens(qtbot, choose_newest)
    database_actions.restore_from_backup(main_window)

    assert main_window.context.settings.load().signatory_name == "In the backup"
    assert "Restored the backup" in main_window.statusBar().currentMessage()
    reasons = [b.reason for b in database_service.list_backups(main_window.context.path)]
    assert "before-restore" in reasons


def test_open_another_database(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.sqlite"
    other_context = open_context(other)
    other_context.settings.save({"city": "Geneva"})
    other_context.close()
    monkeypatch.setattr(database_actions, "ask_database_to_open", lambda *_: other)

    database_actions.open_other_database(main_window)

    assert main_window.database_label.text() == f"Database: {other}"
    assert main_window.context.settings.load().city == "Geneva"
    assert main_window.statusBar().currentMessage() == f"Opened {other}"


def test_opening_a_file_that_is_not_a_database_keeps_the_current_one(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("not a database")
    monkeypatch.setattr(database_actions, "ask_database_to_open", lambda *_: bogus)
    current = main_window.context.path
    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal_dialog_opens(qtbot, read_and_close)
    database_actions.open_other_database(main_window)

    assert seen == [
        f"{bogus} is not a PTF Desktop database. Choose another file or create a new one."
    ]
    assert main_window.context.path == current
    assert bogus.read_text() == "not a database"


def test_new_database(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = tmp_path / "fresh.sqlite"
    monkeypatch.setattr(database_actions, "ask_database_to_create", lambda *_: fresh)
    database_actions.create_database(main_window)
    assert fresh.exists() and main_window.context.path == fresh
    assert main_window.statusBar().currentMessage() == f"Created {fresh}"


def test_a_damaged_database_at_start_up_offers_the_newest_backup(
    qtbot: QtBot, database_path: Path
) -> None:
    context = open_context(database_path)
    context.settings.save({"signatory_name": "Safe in a backup"})
    database_service.back_up(database_path)
    context.close()
    data = bytearray(database_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    database_path.write_bytes(bytes(data))
    seen: list[str] = []

    def restore(box: QMessageBox) -> None:
        seen.append(box.text())
        click_button(box, "Restore newest backup")

    when_modal_dialog_opens(qtbot, restore)
    restored = open_database_interactively(database_path)

    assert restored is not None
    assert "is damaged" in seen[0]
    assert restored.settings.load().signatory_name == "Safe in a backup"
    restored.close()


def test_quitting_from_the_start_up_problem_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("x")
    when_modal_dialog_opens(qtbot, lambda box: click_button(box, "Quit"))
    assert open_database_interactively(bogus) is None


def test_about_shows_versions_and_paths(qtbot: QtBot, main_window: MainWindow) -> None:
    dialog = AboutDialog(main_window.context, main_window.paths, main_window)
    qtbot.addWidget(dialog)
    text = dialog.details.text()
    assert f"<td>{__version__}</td>" in text
    assert str(main_window.context.path) in text
    assert str(main_window.paths.log_dir) in text
    assert "SQLAlchemy" in text and "PySide6" in text
