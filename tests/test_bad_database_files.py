"""Bad files given as the database: refused in one line, never turned into a new database.

A mistyped path, an empty file, another application's SQLite file and a FIFO are each
refused by every command (only ``ptf db upgrade`` creates a database); a read-only
database is read without a -wal or -shm appearing beside it; backups into a folder and
backup errors name what the person gave.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.persistence.errors import DatabaseProblem, NotADatabase
from ptf_desktop.services.context import open_context

from conftest import REPOSITORY
from helpers.organization_csv import row, write_csv

COMMANDS = [
    ("db", "info"),
    ("db", "check"),
    ("db", "backup"),
    ("organizations", "list"),
    ("invoices", "list"),
    ("renewals", "due"),
    ("demo", "--organizations", "3"),
]


def ptf(
    capsys: pytest.CaptureFixture[str], database: Path, *arguments: str
) -> tuple[int, str, str]:
    status = main(["--database", str(database), *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def sidecars(database: Path) -> list[Path]:
    return [p for p in database.parent.iterdir() if p.name.startswith(f"{database.name}-")]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_mistyped_path_is_refused_and_not_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    mistyped = tmp_path / "membres.sqlite"
    status, out, err = ptf(capsys, mistyped, *command)
    assert (status, out) == (1, "")
    assert err == f"ptf: error: There is no database at {mistyped}.\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [*COMMANDS, ("db", "upgrade")], ids=" ".join)
def test_an_empty_file_is_refused_and_left_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    empty = tmp_path / "ptf.sqlite"
    empty.touch()
    status, out, err = ptf(capsys, empty, *command)
    assert (status, out) == (1, "")
    assert err == (
        f"ptf: error: {empty} is an empty file, not a PTF Desktop database. Choose another file.\n"
    )
    assert empty.stat().st_size == 0 and sidecars(empty) == []


def test_the_window_refuses_an_empty_file_too(tmp_path: Path) -> None:
    empty = tmp_path / "ptf.sqlite"
    empty.touch()
    with pytest.raises(NotADatabase, match="is an empty file"):
        open_context(empty)
    assert empty.stat().st_size == 0


@pytest.fixture
def other_application_file(tmp_path: Path) -> Path:
    path = tmp_path / "photos.db"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
        connection.commit()
    return path


@pytest.mark.parametrize("command", [("db", "check"), ("db", "upgrade"), ("organizations", "list")])
def test_another_applications_sqlite_file_is_refused(
    capsys: pytest.CaptureFixture[str], other_application_file: Path, command: tuple[str, ...]
) -> None:
    before = other_application_file.read_bytes()
    status, out, err = ptf(capsys, other_application_file, *command)
    assert (status, out) == (1, "")
    assert err == (
        f"ptf: error: {other_application_file} is not a PTF Desktop database. "
        "Choose another file or create a new one.\n"
    )
    assert other_application_file.read_bytes() == before


def test_the_window_refuses_another_applications_file(other_application_file: Path) -> None:
    with pytest.raises(NotADatabase):
        open_context(other_application_file)


def test_a_fifo_hangs_no_command(tmp_path: Path) -> None:
    fifo = tmp_path / "ptf.sqlite"
    os.mkfifo(fifo)
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    for command in [*COMMANDS, ("db", "upgrade")]:
        finished = subprocess.run(
            [sys.executable, "-m", "ptf_desktop.cli.main", "--database", str(fifo), *command],
            capture_output=True, text=True, timeout=60, env=environment, check=False,
        )  # fmt: skip
        assert finished.returncode == 1, command
        assert finished.stderr == (
            f"ptf: error: {fifo} is not a regular file, so it cannot be a database.\n"
        )
    with pytest.raises(DatabaseProblem, match="not a regular file"):
        open_context(fifo)


def test_backup_into_a_folder_writes_a_named_file_there(
    capsys: pytest.CaptureFixture[str], database_path: Path, tmp_path: Path
) -> None:
    open_context(database_path).close()
    folder = tmp_path / "usb stick"
    folder.mkdir()
    status, out, err = ptf(capsys, database_path, "db", "backup", "--out", str(folder))
    assert (status, err) == (0, "")
    (written,) = folder.iterdir()
    assert out == f"{written}\n"
    assert written.name.startswith("ptf-") and written.name.endswith("-manual.sqlite")
    assert ptf(capsys, written, "db", "check")[0] == 0


def test_backup_errors_name_the_source_or_the_target_never_a_temporary_file(
    capsys: pytest.CaptureFixture[str], database_path: Path, tmp_path: Path
) -> None:
    open_context(database_path).close()
    target = tmp_path / "copies" / "ptf-copy.sqlite"
    target.parent.mkdir()
    # The target's file name is taken by a folder: SQLite cannot write the copy there...
    partial_blocker = target.parent / f".{target.name}.partial-{os.getpid()}-wal"
    partial_blocker.mkdir()
    with closing(sqlite3.connect(database_path)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
    status, out, err = ptf(capsys, database_path, "db", "backup", "--out", str(target))
    assert (status, out) == (1, "")
    assert ".partial" not in err
    assert str(target) in err or str(database_path) in err


@pytest.fixture
def read_only_database() -> Iterator[Path]:
    """A database this test's other user can read but not write, in a folder it can write."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root to run the command line as another user")
    folder = Path(tempfile.mkdtemp(prefix="ptf-read-only-"))
    try:
        folder.chmod(0o755)
        database = folder / "data" / "ptf.sqlite"
        context = open_context(database)
        context.organizations.create(
            {"display_name": "Read Only Lab", "org_type": "academic", "country": "FR"}
        )
        context.close()
        database.chmod(0o644)  # owned by root: read-only for the other user
        os.chown(database.parent, 65534, 65534)  # the folder is theirs: -wal could appear
        yield database
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def ptf_as_another_user(database: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    home = database.parent
    environment = {
        "PATH": os.environ["PATH"], "PYTHONPATH": str(REPOSITORY), "HOME": str(home),
        "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home), "XDG_STATE_HOME": str(home),
        "XDG_CACHE_HOME": str(home), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }  # fmt: skip
    return subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
         "-m", "ptf_desktop.cli.main", "--database", str(database), *arguments],
        capture_output=True, text=True, timeout=120, env=environment, check=False, cwd=home,
    )  # fmt: skip


def test_a_read_only_database_is_read_without_new_files_beside_it(
    read_only_database: Path, tmp_path: Path
) -> None:
    listed = ptf_as_another_user(read_only_database, "organizations", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Read Only Lab" in listed.stdout
    checked = ptf_as_another_user(read_only_database, "db", "check")
    assert (checked.returncode, checked.stderr) == (0, ""), checked.stderr
    assert sidecars(read_only_database) == []

    csv = write_csv(read_only_database.parent / "more.csv", [row(name="Another Lab")])
    imported = ptf_as_another_user(read_only_database, "organizations", "import", str(csv))
    assert imported.returncode == 1
    assert imported.stderr == (
        f"ptf: error: {read_only_database} cannot be written: the file or its folder is "
        "read-only. Copy it somewhere writable, or change its permissions.\n"
    )
    assert sidecars(read_only_database) == []
