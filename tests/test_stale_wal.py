"""A database never adopts a write-ahead log that is not its own.

A log left by an earlier file of the same name (a crash, then the file was moved away)
or copied from another database would be replayed into the file by SQLite and damage it.
Such logs are moved aside with a message; a database's own log (after a crash) is kept
and replayed as always.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.persistence.database_file import integrity_problems
from ptf_desktop.persistence.wal_files import wal_of
from ptf_desktop.services.context import open_context

CRASH_WRITER = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA wal_autocheckpoint = 0")
connection.execute("CREATE TABLE IF NOT EXISTS crash_test (label TEXT, data BLOB)")
connection.execute("INSERT INTO crash_test VALUES (?, randomblob(200000))", (sys.argv[2],))
os._exit(0)  # no close, no checkpoint: the log stays beside the file, as after a crash
"""


def write_then_crash(database: Path, label: str) -> None:
    subprocess.run([sys.executable, "-c", CRASH_WRITER, str(database), label], check=True)
    assert wal_of(database).stat().st_size > 200_000


def labels(database: Path) -> list[str]:
    with closing(sqlite3.connect(database)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "crash_test" not in tables:
            return []
        return [row[0] for row in connection.execute("SELECT label FROM crash_test")]


def new_database(path: Path) -> Path:
    open_context(path).close()
    assert not wal_of(path).exists()
    return path


def ptf(
    capsys: pytest.CaptureFixture[str], database: Path, *arguments: str
) -> tuple[int, str, str]:
    status = main(["--database", str(database), *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_new_database_does_not_adopt_the_log_of_an_earlier_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = new_database(tmp_path / "ptf.sqlite")
    write_then_crash(path, "earlier work")
    path.rename(tmp_path / "moved-away.sqlite")  # the log and index stay behind
    assert wal_of(path).exists()

    status, out, err = ptf(capsys, path, "db", "upgrade")

    assert status == 0
    assert out.startswith(f"Created {path} at schema version")
    assert err.startswith("ptf: warning: A write-ahead log left by an earlier file named ")
    assert "the new database does not include it" in err
    assert integrity_problems(path) == []
    assert labels(path) == []
    assert ptf(capsys, path, "db", "check")[0] == 0
    # Nothing was thrown away: the log set aside still holds the earlier file's work.
    (aside,) = tmp_path.glob("ptf.sqlite-wal.orphaned-*")
    shutil.move(aside, tmp_path / "moved-away.sqlite-wal")
    assert labels(tmp_path / "moved-away.sqlite") == ["earlier work"]


def test_a_new_database_from_the_window_does_not_adopt_an_orphaned_log(tmp_path: Path) -> None:
    path = new_database(tmp_path / "ptf.sqlite")
    write_then_crash(path, "earlier work")
    path.unlink()
    context = open_context(path)
    try:
        assert context.database.created
        (aside,) = context.database.set_aside
        assert aside.name.startswith("ptf.sqlite-wal.orphaned-")
        assert integrity_problems(path) == []
        assert labels(path) == []
    finally:
        context.close()


def test_the_log_of_another_database_is_set_aside_not_merged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ours = new_database(tmp_path / "ours.sqlite")
    theirs = new_database(tmp_path / "theirs.sqlite")
    write_then_crash(theirs, "their work")
    shutil.copyfile(wal_of(theirs), wal_of(ours))

    status, out, err = ptf(capsys, ours, "db", "check")

    assert (status, out) == (0, f"{ours}: integrity check passed.\n")
    assert err.startswith(f"ptf: warning: The write-ahead log beside {ours} belongs to another")
    assert "and not merged" in err
    assert labels(ours) == []
    assert len(list(tmp_path.glob("ours.sqlite-wal.foreign-*"))) == 1


def test_opening_sets_aside_a_foreign_log(tmp_path: Path) -> None:
    ours = new_database(tmp_path / "ours.sqlite")
    theirs = new_database(tmp_path / "theirs.sqlite")
    write_then_crash(theirs, "their work")
    shutil.copyfile(wal_of(theirs), wal_of(ours))
    context = open_context(ours)
    try:
        (aside,) = context.database.set_aside
        assert aside.name.startswith("ours.sqlite-wal.foreign-")
        assert context.settings.load() is not None
    finally:
        context.close()
    assert integrity_problems(ours) == []
    assert labels(ours) == []


def test_a_databases_own_log_is_replayed_after_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = new_database(tmp_path / "ptf.sqlite")
    write_then_crash(path, "first")
    write_then_crash(path, "second")
    status, _out, err = ptf(capsys, path, "db", "check")
    assert (status, err) == (0, "")
    context = open_context(path)
    try:
        assert context.database.set_aside == ()
    finally:
        context.close()
    assert labels(path) == ["first", "second"]


def test_an_older_file_without_identity_keeps_its_own_log(tmp_path: Path) -> None:
    path = new_database(tmp_path / "ptf.sqlite")
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA user_version = 0")  # as made before identities existed
    write_then_crash(path, "kept")
    context = open_context(path)
    try:
        assert context.database.set_aside == ()
    finally:
        context.close()
    assert labels(path) == ["kept"]
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] != 0  # now it has one
