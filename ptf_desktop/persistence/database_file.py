"""The SQLite file itself, through the standard library only: fast enough for start-up.

Creating a file privately, reading its schema version, probing that it can be written,
and checking its integrity. SQLAlchemy is not imported here on purpose: the main window
should not wait for it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import NoReturn

from .errors import DatabaseProblem, NotADatabase, not_a_database, problem_from_error, read_only
from .wal_files import new_identity

# The number of the newest migration in migrations/versions (revision ids are "0001", ...).
# tests/test_migrations.py checks that it matches Alembic's head.
SCHEMA_VERSION = 15

DEFAULT_BUSY_TIMEOUT = 5.0
# One page of the smallest page size: no SQLite database file is shorter (but an empty one).
_SMALLEST_DATABASE = 512


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens a database file for reading only.

    A file that this user cannot write, with no write-ahead log beside it, is opened as
    immutable: SQLite would otherwise create a -wal and -shm beside a read-only file
    (in a writable folder), or fail to open it (in a read-only one).
    """
    uri = f"{path.absolute().as_uri()}?mode=ro"
    log = path.with_name(path.name + "-wal")
    if not is_writable(path) and not log.exists():
        uri += "&immutable=1"
    return uri


def is_writable(path: Path) -> bool:
    """Whether this user can write the file and its folder (where -wal and -shm go)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


@contextmanager
def connect(
    path: Path, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, *, read_only: bool = False
) -> Iterator[sqlite3.Connection]:
    """Open a plain sqlite3 connection with the app's pragmas; problems become DatabaseProblem.

    Args:
        path: the database file.
        busy_timeout: seconds to wait for another program's lock.
        read_only: open it for reading only (SQLite then never writes the file).
    """
    # A file that cannot be written is only ever read (see read_only_uri).
    read_only = read_only or (path.exists() and not is_writable(path))
    target = read_only_uri(path) if read_only else str(path)
    try:
        connection = sqlite3.connect(
            target, timeout=busy_timeout, isolation_level=None, uri=read_only
        )
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
    """Refuse a path that is missing, not a regular file, empty, or not an SQLite file.

    The header is read by SQLite, never through a descriptor of our own: on POSIX,
    closing any descriptor of a file releases every lock the process holds on it, so
    reading the header of a database this process has open would release SQLite's locks.
    An empty file is refused: SQLite would take it for a new database, and a truncated
    copy or a mistyped name must not silently become one.
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        raise DatabaseProblem(path, f"There is no database at {path}.") from None
    except OSError as error:
        raise_problem(error, path)
    if stat.S_ISDIR(status.st_mode):
        raise not_a_database(path)
    if not stat.S_ISREG(status.st_mode):
        raise NotADatabase(path, f"{path} is not a regular file, so it cannot be a database.")
    if status.st_size == 0:
        raise NotADatabase(
            path, f"{path} is an empty file, not a PTF Desktop database. Choose another file."
        )
    if status.st_size < _SMALLEST_DATABASE:  # SQLite would read it as an empty database
        raise not_a_database(path)
    # Immutable: the header is read without a lock and without creating a -wal or -shm.
    uri = f"{path.absolute().as_uri()}?immutable=1"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            connection.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as error:
        raise_problem(error, path)


def check_writable(path: Path) -> None:
    """Refuse a file that cannot be written, or whose folder cannot.

    WAL mode needs to create the -wal and -shm files beside the database, so the folder
    must be writable too.
    """
    if not is_writable(path):
        raise read_only(path)


def read_schema_version(
    path: Path, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, *, read_only: bool = False
) -> int | None:
    """Return the schema version of a database file, or None if it holds no tables yet.

    Args:
        path: the database file.
        busy_timeout: seconds to wait for another program's lock.
        read_only: read it through a read-only connection.

    Raises:
        NotADatabase: the file holds tables but was not made by this application.
        DatabaseProblem: SQLite cannot read it (damaged, locked, ...).
    """
    with connect(path, busy_timeout, read_only=read_only) as connection:
        return schema_version_of(connection, path)


def schema_version_of(connection: sqlite3.Connection, path: Path) -> int | None:
    """``read_schema_version`` through a connection already open on ``path``."""
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
    """Take and release the write lock, so a lock or read-only medium shows up at open time.

    A file without an identity (made before identities existed) gets one: it lets a
    later opening tell its write-ahead log from another file's (see wal_files).
    """
    with connect(path, busy_timeout) as connection:
        probe_write_on(connection)


def probe_write_on(connection: sqlite3.Connection) -> None:
    """``probe_write`` through a connection already open (one connection opens faster)."""
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("BEGIN IMMEDIATE")
    if connection.execute("PRAGMA user_version").fetchone()[0] == 0:
        connection.execute(f"PRAGMA user_version = {new_identity()}")
        connection.execute("COMMIT")
    else:
        connection.execute("ROLLBACK")


def stamp_identity(path: Path) -> None:
    """Give a new database its random identity (kept in the header's user_version)."""
    with connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {new_identity()}")


def integrity_problems(path: Path) -> list[str]:
    """Run SQLite's full integrity and foreign key checks; return what they report.

    An empty list means the file is sound.
    """
    with connect(path) as connection:
        problems = _check_lines(connection, "PRAGMA integrity_check")
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} row")
    return problems


def quick_check_problems(path: Path) -> list[str]:
    """Run SQLite's quick check (no index contents compared: fast enough for start-up).

    An empty list means no damage was found.
    """
    with connect(path) as connection:
        return _check_lines(connection, "PRAGMA quick_check")


def _check_lines(connection: sqlite3.Connection, check: str) -> list[str]:
    """The problems a check reports, one line each ("ok" and headings left out)."""
    rows = [str(row[0]) for row in connection.execute(check)]
    if rows == ["ok"]:
        return []
    lines = (line.strip() for row in rows for line in row.splitlines())
    return [line for line in lines if line and not line.startswith("*** in database")]


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
    "is_writable",
    "probe_write",
    "probe_write_on",
    "quick_check_problems",
    "raise_problem",
    "read_only_uri",
    "read_schema_version",
    "row_counts",
    "schema_version_of",
    "stamp_identity",
]
