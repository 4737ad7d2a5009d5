"""Backups and restores: consistent copies, listed newest first, restored with a safety copy."""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from ptf_desktop.persistence.errors import DatabaseDamaged, DatabaseProblem
from ptf_desktop.services import database_service
from ptf_desktop.services.context import AppContext, open_context


def signatory(path: Path) -> str:
    context = open_context(path)
    try:
        return context.settings.load().signatory_name
    finally:
        context.close()


def test_backup_now_copies_committed_data_even_from_the_wal(context: AppContext) -> None:
    context.settings.save({"signatory_name": "Grace Hopper"})  # still in the -wal file
    backup = database_service.back_up(context.path)
    assert backup.parent == database_service.backup_folder(context.path)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert not Path(f"{backup}-wal").exists()  # a backup is one self-contained file
    assert database_service.check_integrity(backup) == []
    assert signatory(backup) == "Grace Hopper"


def test_backups_are_listed_newest_first_with_date_and_size(context: AppContext) -> None:
    first = database_service.back_up(context.path)
    second = database_service.back_up(context.path)
    listed = database_service.list_backups(context.path)
    assert [b.path for b in listed] == [second, first]
    assert all(b.size == b.path.stat().st_size > 0 for b in listed)
    assert [b.reason for b in listed] == ["manual", "manual"]


def test_restore_brings_back_the_old_contents_and_keeps_the_current_ones(
    context: AppContext,
) -> None:
    context.settings.save({"signatory_name": "Before"})
    backup = database_service.back_up(context.path)
    context.settings.save({"signatory_name": "After"})
    context.close()

    safety_copy = database_service.restore(context.path, backup)

    assert signatory(context.path) == "Before"
    assert signatory(safety_copy) == "After"
    assert "before-restore" in safety_copy.name


def test_a_damaged_backup_is_refused_and_the_database_kept(context: AppContext) -> None:
    context.settings.save({"signatory_name": "Kept"})
    backup = database_service.back_up(context.path)
    data = bytearray(backup.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    backup.write_bytes(bytes(data))
    context.close()
    with pytest.raises(DatabaseDamaged, match="damaged"):
        database_service.restore(context.path, backup)
    assert signatory(context.path) == "Kept"


def test_backup_to_an_impossible_place_leaves_nothing(context: AppContext, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseProblem):
        database_service.back_up(context.path, blocker / "backup.sqlite")
    assert blocker.read_text() == "not a folder"


def test_integrity_check_finds_damage_inside_a_table(context: AppContext) -> None:
    context.settings.save({"signatory_name": "Someone"})
    context.close()
    with closing(sqlite3.connect(context.path)) as connection:
        connection.execute("PRAGMA writable_schema = ON")
        # Point the audit index at the wrong table root: the index no longer matches.
        connection.execute(
            "UPDATE sqlite_master SET rootpage = (SELECT rootpage FROM sqlite_master "
            "WHERE name = 'ix_audit_log_occurred_at') WHERE name = 'ix_audit_log_entity_id'"
        )
        connection.commit()
    assert database_service.check_integrity(context.path) != []
