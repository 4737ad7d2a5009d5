"""Looking after the database file: information, integrity check, backup and restore."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..persistence import automatic_backups, backups, database_file, record_checks, wal_files
from ..persistence.backups import BackupInfo
from ..persistence.errors import DatabaseDamaged, not_a_database

__all__ = [
    "BackupInfo",
    "DamageReport",
    "DatabaseInfo",
    "back_up",
    "back_up_automatically",
    "backup_folder",
    "check_integrity",
    "database_info",
    "describe_backup_reason",
    "describe_newest_good",
    "newest_good_backup",
    "quick_check",
    "describe_set_aside",
    "require_database",
    "require_ptf_schema",
    "list_backups",
    "restore",
    "schema_version_of_app",
]


@dataclass(frozen=True)
class DatabaseInfo:
    """What ``ptf db info`` and the About dialog show about a database file."""

    path: Path
    size_bytes: int
    schema_version: int | None
    app_schema_version: int
    row_counts: dict[str, int]


def database_info(path: Path) -> DatabaseInfo:
    """Describe a database file without changing it."""
    database_file.check_is_sqlite(path)
    version = database_file.read_schema_version(path)
    return DatabaseInfo(
        path=path,
        size_bytes=path.stat().st_size,
        schema_version=version,
        app_schema_version=database_file.SCHEMA_VERSION,
        row_counts=database_file.row_counts(path) if version is not None else {},
    )


def require_database(path: Path) -> list[Path]:
    """Refuse a path that is missing or not an SQLite file, before any other work.

    A write-ahead log beside it that belongs to another file is moved aside first, so
    that no connection merges it.

    Returns:
        Where such a log was moved (empty when there was none).
    """
    database_file.check_is_sqlite(path)
    try:
        return wal_files.set_aside_foreign_wal(path)
    except (OSError, sqlite3.Error) as error:
        database_file.raise_problem(error, path)


def require_ptf_schema(path: Path) -> int:
    """Refuse an SQLite file that another application made (or that holds nothing).

    Returns:
        Its schema version.

    Raises:
        NotADatabase: it holds no PTF Desktop schema.
    """
    version = database_file.read_schema_version(path)
    if version is None:
        raise not_a_database(path)
    return version


def describe_set_aside(path: Path, moved: Path, created: bool) -> str:
    """Say that a write-ahead log was moved aside instead of being merged into a database."""
    if created:
        return (
            f"A write-ahead log left by an earlier file named {path.name} was moved to "
            f"{moved}; the new database does not include it."
        )
    return (
        f"The write-ahead log beside {path} belongs to another database file; it was moved "
        f"to {moved} and not merged."
    )


def check_integrity(path: Path) -> list[str]:
    """Run the full integrity check and the records' checks; return the problems found.

    The records' checks (stored PDFs' hashes, gapless series, the guard triggers) run
    when SQLite finds the file sound. An empty list means everything passed.
    """
    try:
        problems = database_file.integrity_problems(path)
        if not problems and database_file.read_schema_version(path) is not None:
            problems = record_checks.record_problems(path)
    except DatabaseDamaged as damaged:
        return [str(damaged)]
    return problems


def back_up(path: Path, out: Path | None = None) -> Path:
    """Write a consistent backup of the database, to ``out`` or into its backup folder.

    Raises:
        DatabaseDamaged: the database fails the integrity check; no backup was made and
            the message names the newest good backup.
        DatabaseProblem: the database cannot be read or the backup cannot be written.
    """
    try:
        if out is None:
            return backups.make_backup(path, "manual")
        if out.is_dir():  # a folder: the backup goes into it, named as in the backups folder
            return backups.make_backup(path, "manual", folder=out)
        backups.copy_database(path, out)
    except DatabaseDamaged as damaged:
        raise DatabaseDamaged(path, f"{damaged} {describe_newest_good(path)}") from damaged
    return out


@dataclass(frozen=True)
class DamageReport:
    """What a check found wrong with a database, and the backup to restore.

    Attributes:
        path: the database.
        problems: what SQLite reported (empty when sound).
        newest_good: the newest backup that passes the integrity check, if any.
    """

    path: Path
    problems: list[str]
    newest_good: BackupInfo | None


def quick_check(path: Path) -> DamageReport:
    """SQLite's quick check (fast enough for every start-up); names the newest good backup.

    Only when damage is found are the backups checked (newest first).
    """
    try:
        problems = database_file.quick_check_problems(path)
    except DatabaseDamaged as damaged:
        problems = [str(damaged)]
    newest = backups.newest_good_backup(path) if problems else None
    return DamageReport(path=path, problems=problems, newest_good=newest)


def newest_good_backup(path: Path) -> BackupInfo | None:
    """The newest backup that passes the full integrity check, if any."""
    return backups.newest_good_backup(path)


def describe_newest_good(path: Path) -> str:
    """One sentence naming the newest good backup of a database (or saying there is none)."""
    newest = backups.newest_good_backup(path)
    if newest is None:
        return f"There is no sound backup of it in {backups.backup_folder(path)}."
    return (
        f"The newest sound backup is {newest.path} "
        f"({newest.created.astimezone():%Y-%m-%d %H:%M}); restore it with File > Restore "
        "from backup."
    )


def back_up_automatically(path: Path, backups_to_keep: Callable[[], int]) -> Path | None:
    """Make today's automatic backup unless one exists, and prune the older automatic ones.

    Args:
        path: the live database.
        backups_to_keep: returns the ``backups_to_keep`` setting; called only when a
            backup is due, so a start-up that finds today's backup opens no database.

    Returns:
        The backup written, or None when today's backup existed already.

    Raises:
        DatabaseProblem: the database cannot be read or the backup cannot be written.
    """
    if automatic_backups.backed_up_today(path):
        return None
    return automatic_backups.make_automatic_backup(path, backups_to_keep())


def list_backups(path: Path) -> list[BackupInfo]:
    """The backups of a database, newest first."""
    return backups.list_backups(path)


def restore(path: Path, backup: Path) -> Path:
    """Replace the database's contents with a backup; returns the safety copy of the old contents.

    Every connection to the database must be closed first (``AppContext.close``).
    """
    return backups.restore_backup(backup, path)


def backup_folder(path: Path) -> Path:
    """The folder where the backups of a database are written."""
    return backups.backup_folder(path)


def schema_version_of_app() -> int:
    """The schema version this version of the application writes."""
    return database_file.SCHEMA_VERSION


def describe_backup_reason(reason: str) -> str:
    """Why a backup was made, in words (the reason is part of its file name)."""
    if reason.startswith("before-schema-"):
        return f"Before upgrading to schema {reason.removeprefix('before-schema-')}"
    return {
        "manual": "Backed up by hand",
        automatic_backups.AUTOMATIC_REASON: "Automatic, at start-up",
        "before-restore": "Before a restore",
        "damaged": "Damaged file, kept as found",
    }.get(reason, reason.replace("-", " ").capitalize())
