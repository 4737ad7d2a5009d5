"""The automatic backup as staff meet it: status bar, Restore dialog, Settings page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from ptf_desktop.services import database_service
from ptf_desktop.ui.automatic_backup import AutomaticBackup
from ptf_desktop.ui.dialogs.restore_dialog import RestoreDialog
from ptf_desktop.ui.formatting import format_size
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.settings_page import SettingsPage

SCREENSHOTS = Path("/tmp/rp")


def test_start_up_backup_runs_in_the_background_and_says_where(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    # The test listens before the thread starts: a quick backup can finish first.
    job = AutomaticBackup(main_window)
    with qtbot.waitSignal(job.finished, timeout=10_000) as finished:
        worker = job.start()
    worker.join(5)
    written = finished.args[0]
    assert isinstance(written, Path) and written.exists()
    assert main_window.statusBar().currentMessage() == f"Automatic backup written to {written}"

    again = AutomaticBackup(main_window)
    with qtbot.waitSignal(again.finished, timeout=10_000) as second:
        again.start()
    assert second.args == [None]
    assert len(database_service.list_backups(main_window.context.path)) == 1


def test_a_failed_automatic_backup_shows_in_the_status_bar(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    folder = database_service.backup_folder(main_window.context.path)
    folder.write_text("a file where the backups folder should be")
    job = AutomaticBackup(main_window)
    with qtbot.waitSignal(job.failed, timeout=10_000):
        job.start()
    assert main_window.statusBar().currentMessage().startswith("Automatic backup failed: ")


def test_the_restore_dialog_lists_every_backup_with_local_date_and_size(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    path = main_window.context.path
    daily = database_service.back_up_automatically(path, lambda: 14)
    assert daily is not None
    database_service.back_up(path)
    backups = database_service.list_backups(path)
    dialog = RestoreDialog(backups, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.table.model()
    assert model.rowCount() == 2
    shown = [[model.index(row, col).data() for col in range(4)] for row in range(2)]
    assert [row[1] for row in shown] == ["Backed up by hand", "Automatic, at start-up"]
    for row, info in zip(shown, backups, strict=True):
        assert row[0] == f"{info.created.astimezone():%Y-%m-%d %H:%M:%S}"
        assert row[2] == format_size(info.size)
        assert row[3] == info.path.name
    SCREENSHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "restore_dialog.png"))


def test_the_number_of_backups_kept_is_set_on_the_settings_page(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = main_window.page("settings")
    assert isinstance(page, SettingsPage)
    spin = page.findChild(QSpinBox, "field_backups_to_keep")
    assert spin is not None and spin.value() == 14
    assert (spin.minimum(), spin.maximum()) == (1, 365)
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "30")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Saved."
    assert main_window.context.settings.load().backups_to_keep == 30
    SCREENSHOTS.mkdir(exist_ok=True)
    page.resize(900, 700)
    page.grab().save(str(SCREENSHOTS / "settings_page.png"))
