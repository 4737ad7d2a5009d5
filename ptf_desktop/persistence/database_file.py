"""The SQLite file itself, through the standard library only: fast enough for start-up.

Creating a file privately, reading its schema version, probing that it can be written,
and checking its integrity. SQLAlchemy is not imported here on purpose: the main window
should not wait for it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import NoReturn

from .errors import DatabaseProblem, not_a_database, problem_from_error, read_only

# The number of the newest migration in migrations/versions (revision ids are "0001", ...).
# tests/test_migrations.py checks that it matches Alembic's head.
SCHEMA_VERSION = 10

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT = 5.0


@contextmanager
def connect(path: Path, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Iterator[sqlite3.Connection]:
    """Open a plain sqlite3 connection with the app's pragmas; problems become DatabaseProblem."""
    try:
        connection = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as error:
        raise_problem(error, path)
    with closing(connection):
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            yield connection
        except (sqlite3.Error, OSError) as error:
            raise_problem(error, path)


def create_private_file(path: Path) -> None:
    """Create an empty file readable and writable by its owner only (mode 0600).

    SQLite gives its -wal and -shm files the same permissions as the database file.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise_problem(error, path)
    os.close(descriptor)
    os.chmod(path, 0o600)  # the umask may have removed bits, never added; be explicit


def check_is_sqlite(path: Path) -> None:
    """Refuse a path that is missing, a folder, or a file that is not SQLite."""
    if not path.exists():
        raise DatabaseProblem(path, f"There is no database at {path}.")
    if path.is_dir():
        raise not_a_database(path)
    try:
        with open(path, "rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise_problem(error, path)
    if header and header != SQLITE_HEADER:
        raise not_a_database(path)


def check_writable(path: Path) -> None:
    """Refuse a file that cannot be written, or whose folder cannot.

    WAL mode needs to create the -wal and -shm files beside the database, so the folder
    must be writable too.
    """
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise read_only(path)


def read_schema_version(path: Path, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> int | None:
    """Return the schema version of a database file, or None if it holds no tables yet.

    Raises:
        NotADatabase: the file holds tables but was not made by this application.
        DatabaseProblem: SQLite cannot read it (damaged, locked, ...).
    """
    with connect(path, busy_timeout) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise not_a_database(path)
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None or not str(row[0]).isdigit():
        raise not_a_database(path)
    return int(row[0])


def probe_write(path: Path, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
    """Take and release the write lock, so a lock or read-only medium shows up at open time."""
    with connect(path, busy_timeout) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")


def integrity_problems(path: Path) -> list[str]:
    """Run SQLite's full integrity and foreign key checks; return what they report.

    An empty list means the file is sound.
    """
    with connect(path) as connection:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if problems == ["ok"]:
            problems = []
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} row")
    return problems


def row_counts(path: Path) -> dict[str, int]:
    """Count the rows of every application table (not SQLite's, Alembic's or an index's)."""
    with connect(path) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != 'alembic_version' "
                "ORDER BY name"
            )
        ]
        # The search index's full-text tables (SQLite 3.37+ tells them apart; older
        # versions ignore the pragma and list them as tables).
        derived = {row[1] for row in connection.execute("PRAGMA table_list") if row[2] != "table"}
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
            if name not in derived
        }


def raise_problem(error: BaseException, path: Path) -> NoReturn:
    """Raise the DatabaseProblem an error stands for, or the error itself when it is a bug."""
    problem = problem_from_error(error, path)
    if problem is None:
        raise error
    raise problem from error


__all__ = [
    "DEFAULT_BUSY_TIMEOUT",
    "SCHEMA_VERSION",
    "DatabaseProblem",
    "check_is_sqlite",
    "check_writable",
    "connect",
    "create_private_file",
    "integrity_problems",
    "probe_write",
    "raise_problem",
    "read_schema_version",
    "row_counts",
]
