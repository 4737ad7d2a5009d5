"""Damage is found and said, never backed up silently; the last sound backup is never pruned."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_automatic_backups import fake_backup
from test_backups import signatory

from ptf_desktop.cli.main import main
from ptf_desktop.persistence import automatic_backups
from ptf_desktop.persistence.errors import DatabaseDamaged
from ptf_desktop.services import database_service
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.automatic_backup import AutomaticBackup
from ptf_desktop.ui.damage_dialog import RESTORE_BUTTON, build_damage_box
from ptf_desktop.ui.main_window import MainWindow

from conftest import click_button, when_modal_dialog_opens


def damage(database: Path) -> None:
    """Make two tables share one b-tree: a structural damage the quick check finds."""
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_master SET rootpage = (SELECT rootpage FROM sqlite_master "
            "WHERE name = 'organizations') WHERE name = 'audit_log'"
        )
        connection.commit()


def backup_files(database: Path) -> list[Path]:
    return sorted(database_service.backup_folder(database).glob("*.sqlite"))


def test_db_backup_of_a_damaged_file_is_refused_and_names_the_sound_backup(
    capsys: pytest.CaptureFixture[str], context: AppContext
) -> None:
    context.settings.save({"signatory_name": "Sound"})
    good = database_service.back_up(context.path)
    context.close()
    damage(context.path)

    status = main(["--database", str(context.path), "db", "backup"])

    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith(f"ptf: error: The database {context.path} is damaged (")
    assert "so no backup was made" in err
    assert f"The newest sound backup is {good} (" in err
    assert err.count("\n") == 1
    assert backup_files(context.path) == [good]
    assert not list(database_service.backup_folder(context.path).glob(".*"))  # no partial


def test_db_check_names_the_newest_sound_backup(
    capsys: pytest.CaptureFixture[str], context: AppContext
) -> None:
    good = database_service.back_up(context.path)
    context.close()
    damage(context.path)
    assert main(["--database", str(context.path), "db", "check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{context.path} is damaged:")
    assert f"The newest sound backup is {good} (" in out


def test_the_daily_backup_of_a_damaged_file_is_refused_and_the_old_ones_kept(
    context: AppContext,
) -> None:
    now = datetime.now(UTC)
    older = [fake_backup(context.path, now - timedelta(days=day), "daily") for day in (1, 2)]
    context.close()
    damage(context.path)
    with pytest.raises(DatabaseDamaged, match="no backup was made"):
        automatic_backups.make_automatic_backup(context.path, keep=1)
    assert backup_files(context.path) == sorted(older)


def test_the_newest_sound_automatic_backup_is_never_pruned(context: AppContext) -> None:
    now = datetime.now(UTC)
    sound = fake_backup(context.path, now - timedelta(days=20), "daily")
    damaged = [fake_backup(context.path, now - timedelta(days=day), "daily") for day in (1, 2)]
    oldest = fake_backup(context.path, now - timedelta(days=30), "daily")
    for path in damaged:
        damage(path)
    deleted = automatic_backups.prune_automatic_backups(context.path, keep=2)
    assert deleted == [oldest]
    assert sound.exists() and all(path.exists() for path in damaged)


def test_a_migration_backup_of_a_damaged_file_is_refused(context: AppContext) -> None:
    from ptf_desktop.persistence import backups

    context.close()
    damage(context.path)
    with pytest.raises(DatabaseDamaged):
        backups.make_backup(context.path, "before-schema-99")
    assert backup_files(context.path) == []


def test_start_up_finds_damage_and_offers_the_newest_sound_backup(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    context = main_window.context
    context.settings.save({"signatory_name": "Before the damage"})
    good = database_service.back_up(context.path)
    context.settings.save({"signatory_name": "After the backup"})
    context.close()
    damage(context.path)
    shown: list[str] = []

    def restore(box: QMessageBox) -> None:
        shown.append(f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}")
        box.grab().save(str(tmp_path / "damage.png"))
        click_button(box, RESTORE_BUTTON)

    when_modal_dialog_opens(qtbot, restore)
    job = AutomaticBackup(main_window)
    with qtbot.waitSignal(job.damaged, timeout=20_000) as damaged:
        job.start()
    report = damaged.args[0]
    assert report.problems and report.newest_good.path == good
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=20_000)
    assert "The database is damaged" in shown[0]
    assert "No backup was made of it" in shown[0]
    assert "2nd reference to page" in shown[0]
    assert "The newest sound backup is from" in shown[0]
    qtbot.waitUntil(lambda: main_window.statusBar().currentMessage().startswith("Restored"))
    assert signatory(context.path) == "Before the damage"
    reasons = {info.reason for info in database_service.list_backups(context.path)}
    assert reasons == {"manual", "damaged"}  # the damaged file was kept as found
    assert database_service.check_integrity(main_window.context.path) == []


def test_the_damage_box_without_a_sound_backup_offers_none(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    report = database_service.DamageReport(
        path=main_window.context.path, problems=["Page 6 is never used"], newest_good=None
    )
    box = build_damage_box(main_window, report)
    qtbot.addWidget(box)
    assert [button.text() for button in box.buttons()] == ["Later"]
    assert "There is no sound backup to restore" in box.informativeText()


def test_the_quick_check_at_start_up_passes_a_sound_file(context: AppContext) -> None:
    report = database_service.quick_check(context.path)
    assert report.problems == [] and report.newest_good is None
