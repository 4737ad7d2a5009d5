"""The automatic start-up backup: one a day, the newest N kept, other backups never pruned."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.domain.errors import ValidationError
from ptf_desktop.persistence import automatic_backups
from ptf_desktop.persistence.errors import DatabaseProblem
from ptf_desktop.services import database_service
from ptf_desktop.services.context import AppContext


def fake_backup(database: Path, when: datetime, reason: str) -> Path:
    """A backup file as the app names it, made at ``when`` (a copy of the live file)."""
    folder = database_service.backup_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{database.stem}-{when.astimezone(UTC):%Y%m%d-%H%M%S}-{reason}.sqlite"
    shutil.copyfile(database, target)
    return target


def reasons(database: Path) -> list[str]:
    return [info.reason for info in database_service.list_backups(database)]


def test_the_first_start_of_a_day_backs_up_and_later_starts_do_not(context: AppContext) -> None:
    written = database_service.back_up_automatically(context.path, lambda: 14)
    assert written is not None and written.exists()
    assert database_service.check_integrity(written) == []
    assert reasons(context.path) == ["daily"]

    def must_not_be_asked() -> int:
        raise AssertionError("the setting is read only when a backup is due")

    assert database_service.back_up_automatically(context.path, must_not_be_asked) is None
    assert reasons(context.path) == ["daily"]


def test_a_backup_from_yesterday_does_not_count_for_today(context: AppContext) -> None:
    yesterday = datetime.now().astimezone() - timedelta(days=1)
    fake_backup(context.path, yesterday, "daily")
    assert not automatic_backups.backed_up_today(context.path)
    assert database_service.back_up_automatically(context.path, lambda: 14) is not None
    assert reasons(context.path) == ["daily", "daily"]


def test_only_the_newest_automatic_backups_are_kept_and_others_never_pruned(
    context: AppContext,
) -> None:
    now = datetime.now().astimezone()
    old_daily = [fake_backup(context.path, now - timedelta(days=d), "daily") for d in range(1, 6)]
    kept_by_hand = fake_backup(context.path, now - timedelta(days=30), "manual")
    before_upgrade = fake_backup(context.path, now - timedelta(days=40), "before-schema-5")
    before_restore = fake_backup(context.path, now - timedelta(days=50), "before-restore")

    written = database_service.back_up_automatically(context.path, lambda: 3)

    remaining = {info.path for info in database_service.list_backups(context.path)}
    assert remaining == {written, *old_daily[:2], kept_by_hand, before_upgrade, before_restore}
    assert not any(path.exists() for path in old_daily[2:])


def test_lowering_the_setting_prunes_at_the_next_start_even_without_a_new_backup(
    context: AppContext,
) -> None:
    now = datetime.now().astimezone()
    for days in range(0, 4):
        fake_backup(context.path, now - timedelta(days=days, minutes=1), "daily")
    assert automatic_backups.make_automatic_backup(context.path, keep=2) is None
    assert reasons(context.path) == ["daily", "daily"]


def test_the_setting_is_read_from_the_database(context: AppContext) -> None:
    assert context.settings.load().backups_to_keep == 14
    context.settings.save({"backups_to_keep": "2"})
    now = datetime.now().astimezone()
    for days in range(1, 5):
        fake_backup(context.path, now - timedelta(days=days), "daily")
    database_service.back_up_automatically(
        context.path, lambda: context.settings.load().backups_to_keep
    )
    assert reasons(context.path) == ["daily", "daily"]


@pytest.mark.parametrize("value", ["0", "-3", "366", "many", ""])
def test_a_bad_number_of_backups_is_refused_and_nothing_stored(
    context: AppContext, value: str
) -> None:
    context.settings.save({"backups_to_keep": "7"})
    with pytest.raises(ValidationError) as refused:
        context.settings.save({"backups_to_keep": value})
    assert "automatic backups" in refused.value.field_errors["backups_to_keep"]
    assert context.settings.load().backups_to_keep == 7


def test_a_failed_automatic_backup_leaves_the_older_ones(
    context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    yesterday = fake_backup(context.path, datetime.now().astimezone() - timedelta(days=1), "daily")

    def disk_full(*_: object) -> None:
        raise DatabaseProblem(context.path, "The disk is full.")

    monkeypatch.setattr(automatic_backups, "make_backup", disk_full)
    with pytest.raises(DatabaseProblem):
        database_service.back_up_automatically(context.path, lambda: 1)
    assert yesterday.exists()


def test_ptf_db_backups_lists_date_size_and_reason(
    context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(context.path)
    assert main(["--database", database, "db", "backups"]) == 0
    assert "No backups of" in capsys.readouterr().out
    written = database_service.back_up_automatically(context.path, lambda: 14)
    assert written is not None
    database_service.back_up(context.path)
    assert main(["--database", database, "db", "backups"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Backups of {context.path}, newest first:"
    assert "Backed up by hand" in lines[1] and "Automatic, at start-up" in lines[2]
    local = database_service.list_backups(context.path)[1].created.astimezone()
    assert f"{local:%Y-%m-%d %H:%M:%S}" in lines[2]
    assert f"{written.stat().st_size:,} bytes" in lines[2] and str(written) in lines[2]
