"""Opening a database file: creation, and a clear refusal for every file that cannot be used.

A refused file is left exactly as it was (its bytes are compared before and after).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from ptf_desktop.persistence import database_file
from ptf_desktop.persistence.errors import (
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseReadOnly,
    DiskFull,
    NewerDatabase,
    NotADatabase,
)
from ptf_desktop.persistence.opening import open_database
from ptf_desktop.services.context import open_context


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_is_private_in_wal_mode_with_foreign_keys(database_path: Path) -> None:
    opened = open_database(database_path)
    assert opened.created and opened.schema_version == database_file.SCHEMA_VERSION
    assert stat.S_IMODE(database_path.stat().st_mode) == 0o600
    assert sorted(p.name for p in database_path.parent.iterdir()) == [database_path.name]
    context = open_context(database_path)
    with context.factories.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    context.close()


def test_opening_again_changes_nothing(database_path: Path) -> None:
    open_database(database_path)
    before = digest(database_path)
    opened = open_database(database_path)
    assert not opened.created and opened.migration_backup is None
    assert digest(database_path) == before


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("member list\n")
    with pytest.raises(NotADatabase, match="is not a PTF Desktop database"):
        open_database(path)
    assert path.read_text() == "member list\n"


def test_another_programs_sqlite_file_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE bookmarks (url TEXT)")
    before = digest(path)
    with pytest.raises(NotADatabase):
        open_database(path)
    assert digest(path) == before


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(NotADatabase):
        open_database(tmp_path)


def test_a_damaged_file_is_reported_and_untouched(database_path: Path) -> None:
    open_database(database_path)
    data = bytearray(database_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page after the header
    database_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged, match="damaged") as caught:
        open_database(database_path)
    assert caught.value.can_restore
    assert database_path.read_bytes() == bytes(data)


def test_a_newer_database_is_refused_and_untouched(database_path: Path) -> None:
    open_database(database_path)
    with closing(sqlite3.connect(database_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
        connection.commit()
    before = digest(database_path)
    with pytest.raises(NewerDatabase, match="newer version of PTF Desktop"):
        open_database(database_path)
    assert digest(database_path) == before


def test_a_locked_database_is_reported(database_path: Path) -> None:
    open_database(database_path)
    with closing(sqlite3.connect(database_path, isolation_level=None)) as holder:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseLocked, match="locked by another program"):
            open_database(database_path, busy_timeout=0.2)
        holder.execute("ROLLBACK")
    open_database(database_path)  # usable again once the other program lets go


def test_a_full_disk_while_writing_is_reported(database_path: Path) -> None:
    """SQLite's "database or disk is full", provoked by capping the file's page count."""
    from sqlalchemy import event

    from ptf_desktop.services.errors import DiskFull as ServiceDiskFull

    context = open_context(database_path)
    event.listen(
        context.factories.engine,
        "connect",
        lambda connection, _: connection.execute("PRAGMA max_page_count = 1"),
    )
    context.factories.engine.dispose()
    with pytest.raises(ServiceDiskFull, match="is full"):
        context.settings.save({"signatory_name": "x" * 100_000})
    context.close()
    assert open_context(database_path).settings.load().signatory_name == ""


@contextmanager
def mounted_tmpfs(tmp_path: Path, size: str) -> Iterator[Path]:
    """A small RAM file system: needs root, as on CI; skipped elsewhere."""
    mount_point = tmp_path / "volume"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a test file system here: {result.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_creating_on_a_full_disk_leaves_no_file(tmp_path: Path) -> None:
    with mounted_tmpfs(tmp_path, "16k") as volume:
        (volume / "filler").write_bytes(b"\0" * 12_000)
        target = volume / "ptf.sqlite"
        with pytest.raises(DiskFull, match="is full"):
            open_database(target)
        assert sorted(p.name for p in volume.iterdir()) == ["filler"]


def test_a_read_only_medium_is_reported(tmp_path: Path) -> None:
    with mounted_tmpfs(tmp_path, "4m") as volume:
        database = volume / "ptf.sqlite"
        open_database(database)
        before = digest(database)
        subprocess.run(["mount", "-o", "remount,ro", str(volume)], check=True)
        with pytest.raises(DatabaseReadOnly, match="read-only"):
            open_database(database)
        with pytest.raises(DatabaseReadOnly, match="read-only"):
            open_database(volume / "new.sqlite")
        assert digest(database) == before


def test_a_read_only_file_is_reported(tmp_path: Path) -> None:
    """A file (and folder) the user may read but not write; as root, checked as user nobody."""
    folder = Path(tempfile.mkdtemp(prefix="ptf-read-only-"))  # traversable by other users
    try:
        database = folder / "ptf.sqlite"
        open_database(database)
        database.chmod(0o444)
        folder.chmod(0o555)
        before = digest(database)
        if os.geteuid() != 0:
            with pytest.raises(DatabaseReadOnly, match="read-only"):
                open_database(database)
        else:
            result = subprocess.run(
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                 sys.executable, "-m", "ptf_desktop.cli.main", "--database", str(database),
                 "db", "upgrade"],
                capture_output=True, text=True, check=False, env={**os.environ, "HOME": "/tmp"},
            )  # fmt: skip
            assert result.returncode == 1, result.stderr
            assert "read-only" in result.stderr and "Traceback" not in result.stderr
        assert digest(database) == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
