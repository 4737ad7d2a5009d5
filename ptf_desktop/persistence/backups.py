"""Backups of the database file: consistent copies made with SQLite's online backup API.

Backups live in a ``backups`` folder beside the database. Every copy is written to a
temporary file and renamed into place, so a crash or a full disk never leaves a
half-written backup that looks whole. Every copy passes SQLite's full integrity check
before it is given its name: a damaged database is never backed up as if it were sound
(it would push the good backups out), and the caller is told instead.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..private_files import recorded_partial_file
from .database_file import (
    SCHEMA_VERSION,
    create_private_file,
    integrity_problems,
    is_writable,
    raise_problem,
    read_only_uri,
    read_schema_version,
)
from .errors import DatabaseDamaged, DatabaseProblem, NewerDatabase, NotADatabase
from .wal_files import file_identity

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where it is, when it was made (UTC) and how big it is."""

    path: Path
    created: datetime
    size: int
    reason: str


def backup_folder(database: Path) -> Path:
    """The folder that holds the backups of a database."""
    return database.parent / BACKUP_FOLDER


def make_backup(database: Path, reason: str = "manual", folder: Path | None = None) -> Path:
    """Copy the database into a new timestamped backup file and return its path.

    Args:
        database: the live database file.
        reason: a word kept in the file name ("manual", "before-migration-2", ...).
        folder: where to put it; the database's backup folder by default.
    """
    folder = folder or backup_folder(database)
    stamp = datetime.now(UTC).strftime(_STAMP)
    target = folder / f"{database.stem}-{stamp}-{reason}.sqlite"
    counter = 1
    while target.exists():  # two backups in the same second keep both
        counter += 1
        target = folder / f"{database.stem}-{stamp}-{reason}.{counter}.sqlite"
    copy_database(database, target)
    log.info("Backed up %s to %s", database, target)
    return target


def copy_database(source: Path, target: Path) -> None:
    """Write a consistent copy of a live database to target, atomically.

    Raises:
        DatabaseProblem: the source cannot be read or the target cannot be written
            (disk full, read-only folder); no partial target file is left behind.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise_problem(error, target)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    with recorded_partial_file(partial):  # removed at the next start if we are killed
        try:
            create_private_file(partial)
            # One self-contained file; an error names the source or the target, never `partial`.
            _backup_api_copy(source, partial, journal_mode="DELETE", shown_target=target)
            # The copy holds the same pages as the source: checking it checks the source,
            # without a long read transaction on the live file.
            problems = _problems_of_copy(partial, source)
            if problems:
                raise DatabaseDamaged(
                    source,
                    f"The database {source} is damaged ({problems[0]}), so no backup was made: "
                    "a damaged copy would push the good backups out.",
                )
            _fsync(partial)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise


def newest_good_backup(database: Path) -> BackupInfo | None:
    """The newest backup of a database that passes the full integrity check, if any."""
    for info in list_backups(database):
        if info.reason == "damaged":
            continue
        try:
            if not integrity_problems(info.path):
                return info
        except DatabaseProblem:
            continue  # unreadable or not a database: not a good backup
    return None


def _problems_of_copy(copy: Path, source: Path) -> list[str]:
    try:
        return integrity_problems(copy)
    except DatabaseDamaged as damaged:
        return [str(damaged).replace(str(copy), str(source))]


def list_backups(database: Path) -> list[BackupInfo]:
    """Return the backups of a database, newest first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = []
    prefix = f"{database.stem}-"
    for path in folder.glob(f"{database.stem}-*.sqlite"):
        info = _backup_info(path, prefix)
        if info is not None:
            found.append(info)
    # Two backups made within the same second are told apart by their modification time.
    return sorted(
        found, key=lambda info: (info.created, info.path.stat().st_mtime_ns), reverse=True
    )


def restore_backup(backup: Path, database: Path) -> Path:
    """Replace the contents of the database with a backup, keeping a copy of the current file.

    The backup is checked first; the current database is copied to a "before-restore"
    backup; then SQLite's backup API writes the backup into the live file in one
    transaction, so other connections never see a mixture.

    Returns:
        The path of the safety copy made of the current database.

    Raises:
        DatabaseDamaged: the backup itself fails the integrity check.
        NewerDatabase: the backup was made by a newer version of the application.
    """
    problems = integrity_problems(backup)
    if problems:
        raise DatabaseDamaged(backup, f"The backup {backup.name} is damaged: {problems[0]}")
    version = read_schema_version(backup)
    if version is not None and version > SCHEMA_VERSION:
        raise NewerDatabase(
            backup, f"The backup {backup.name} was made by a newer version of PTF Desktop."
        )
    identity = 0
    if database.exists():
        identity = _identity_of(database)
        safety_copy = _keep_current(database)
    else:
        safety_copy = database
        create_private_file(database)
    _backup_api_copy(backup, database, journal_mode="WAL")
    if identity:
        # The file keeps its own identity, so that its write-ahead log stays recognised.
        with closing(sqlite3.connect(database)) as connection:
            connection.execute(f"PRAGMA user_version = {identity}")
    return safety_copy


def _identity_of(database: Path) -> int:
    try:
        return file_identity(database)
    except sqlite3.Error:
        return 0  # damaged: a new identity comes with the next opening


def _keep_current(database: Path) -> Path:
    """Back up the database about to be replaced; a damaged one is kept byte for byte."""
    try:
        return make_backup(database, "before-restore")
    except (DatabaseDamaged, NotADatabase):
        folder = backup_folder(database)
        stamp = datetime.now(UTC).strftime(_STAMP)
        target = folder / f"{database.stem}-{stamp}-damaged.sqlite"
        for source, suffix in ((database, ""), (_wal(database), "-wal")):
            if source.exists():
                shutil.copy2(source, f"{target}{suffix}")
        return target


def _wal(database: Path) -> Path:
    return database.with_name(database.name + "-wal")


# Result codes of a backup step that are the source's doing (busy, locked, corrupt, not a
# database); the others (full, read-only, cannot open) are the target's.
_SOURCE_ERRORS = {5, 6, 11, 26}


def _backup_api_copy(
    source: Path, target: Path, journal_mode: str, shown_target: Path | None = None
) -> None:
    shown_target = shown_target or target
    try:
        src = sqlite3.connect(read_only_uri(source) if not is_writable(source) else source,
                              uri=not is_writable(source))  # fmt: skip
    except sqlite3.Error as error:
        raise_problem(error, source)
    try:
        with closing(src), closing(sqlite3.connect(target)) as dst:
            try:
                src.backup(dst)
            except sqlite3.Error as error:
                code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
                raise_problem(error, source if code in _SOURCE_ERRORS else shown_target)
            dst.execute(f"PRAGMA journal_mode = {journal_mode}")
    except (sqlite3.Error, OSError) as error:
        raise_problem(error, shown_target)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _backup_info(path: Path, prefix: str) -> BackupInfo | None:
    rest = path.stem[len(prefix) :].split(".")[0]  # drop the ".2" of a same-second twin
    stamp, _, reason = rest[: len("YYYYmmdd-HHMMSS")], rest[15:16], rest[16:]
    try:
        created = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None  # another database whose name starts the same way
    return BackupInfo(path=path, created=created, size=path.stat().st_size, reason=reason)
