"""Problems with the database file that the user can understand and act on.

Each has a message meant for a person; the GUI shows it in a dialog, the CLI prints it
on one line. Anything else raised while using the database is a bug.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from ..domain.errors import UserError


class DatabaseProblem(UserError):
    """The database file cannot be used as it is.

    Attributes:
        path: the database file concerned.
        can_restore: whether restoring a backup is a sensible offer.
    """

    can_restore = False

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(message)


class NotADatabase(DatabaseProblem):
    """The file exists but is not a ptf_desktop database."""


class DatabaseDamaged(DatabaseProblem):
    """SQLite reports the file as corrupt."""

    can_restore = True


class DatabaseReadOnly(DatabaseProblem):
    """The file or its folder cannot be written."""


class DatabaseLocked(DatabaseProblem):
    """Another program holds a lock on the database."""


class DiskFull(DatabaseProblem):
    """There is no space left to write."""


class NewerDatabase(DatabaseProblem):
    """The file was written by a newer version of the application."""


def problem_from_error(error: BaseException, path: Path) -> DatabaseProblem | None:
    """Translate an sqlite3 or OS error into a DatabaseProblem, or None if it is a bug.

    SQLAlchemy's wrappers are looked through: their ``orig`` is the driver's error.
    """
    original = getattr(error, "orig", None)
    if isinstance(original, sqlite3.Error):
        error = original
    if isinstance(error, sqlite3.Error):
        return _from_sqlite(error, path)
    if isinstance(error, OSError):
        return _from_os(error, path)
    return None


# SQLite primary result codes (https://sqlite.org/rescode.html).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL = 10, 11, 13
_SQLITE_CANTOPEN, _SQLITE_NOTADB = 14, 26


def _from_sqlite(error: sqlite3.Error, path: Path) -> DatabaseProblem | None:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseLocked(
            path,
            f"The database {path} is locked by another program. "
            "Close the other program (or the other copy of PTF Desktop) and try again.",
        )
    if primary == _SQLITE_CORRUPT:
        return DatabaseDamaged(path, f"The database {path} is damaged and cannot be read safely.")
    if primary == _SQLITE_NOTADB:
        return not_a_database(path)
    if primary == _SQLITE_FULL:
        return disk_full(path)
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN):
        return read_only(path)
    if primary == _SQLITE_IOERR:
        return DatabaseProblem(path, f"Reading or writing {path} failed: {error}.")
    return None


def _from_os(error: OSError, path: Path) -> DatabaseProblem:
    # A failing file operation is the environment's doing (a wrong path, a missing
    # drive), never a bug of ours: always tell the user.
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(path)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return read_only(path)
    where = error.filename or path
    return DatabaseProblem(path, f"Cannot use {where}: {error.strerror or error}.")


def not_a_database(path: Path) -> NotADatabase:
    """The message for a file that is not a ptf_desktop database."""
    return NotADatabase(
        path, f"{path} is not a PTF Desktop database. Choose another file or create a new one."
    )


def disk_full(path: Path) -> DiskFull:
    """The message for a full disk."""
    return DiskFull(
        path,
        f"The disk holding {path} is full. Free some space and try again; nothing was changed.",
    )


def read_only(path: Path) -> DatabaseReadOnly:
    """The message for a file or folder that cannot be written."""
    return DatabaseReadOnly(
        path,
        f"{path} cannot be written: the file or its folder is read-only. "
        "Copy it somewhere writable, or change its permissions.",
    )
