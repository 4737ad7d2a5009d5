"""Opening a database file: create it, check it, back it up and migrate it if needed.

The same steps serve the GUI and the command line. Checks use only the standard
library; Alembic is imported only when a migration has to run.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypedDict

from .database_file import (
    DEFAULT_BUSY_TIMEOUT,
    SCHEMA_VERSION,
    check_is_sqlite,
    connect,
    create_private_file,
    is_writable,
    probe_write_on,
    raise_problem,
    read_schema_version,
    schema_version_of,
    stamp_identity,
)
from .errors import DatabaseProblem, NewerDatabase
from .errors import read_only as read_only_problem
from .wal_files import set_aside_foreign_wal, set_aside_orphans

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedDatabase:
    """What opening a database found and did.

    Attributes:
        path: the database file.
        schema_version: its schema version after opening.
        created: True when the file was created now.
        migration_backup: the backup made before migrating, if a migration ran.
        read_only: it was opened for reading only.
        set_aside: write-ahead logs that did not belong to the file, moved aside (they
            were not replayed into it); the caller tells the person.
        read_only_reason: why it was opened read-only, in words ("" when it was not, or
            when the caller asked for it).
    """

    path: Path
    schema_version: int
    created: bool = False
    migration_backup: Path | None = None
    read_only: bool = False
    set_aside: tuple[Path, ...] = ()
    read_only_reason: str = ""


class OpenOptions(TypedDict, total=False):
    """How to open a database file: the keyword arguments of ``open_database``."""

    migrate: bool
    busy_timeout: float
    create: bool
    read_only: bool
    read_only_fallback: bool


def open_database(
    path: Path,
    *,
    migrate: bool = True,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    create: bool = True,
    read_only: bool = False,
    read_only_fallback: bool = False,
) -> OpenedDatabase:
    """Make a database file ready for use, creating or migrating it as needed.

    Args:
        path: the database file.
        migrate: bring an older schema up to date (after a backup); when False an older
            file is opened as it is and reported with its version.
        busy_timeout: seconds to wait for another program's lock before giving up.
        create: create the file (with its folder) when it is missing; when False a
            missing file is refused.
        read_only: open it for reading only: nothing is created, migrated or written.
        read_only_fallback: open a file this user cannot write read-only (saying why in
            ``read_only_reason``) instead of refusing it.

    Raises:
        DatabaseProblem: the file is missing (and not to be created), damaged, not a
            database, read-only, locked, on a full disk, or from a newer version of the
            application; it is left untouched.
    """
    path = path.expanduser().absolute()
    if not path.exists() and not path.is_symlink():
        if not create or read_only:
            raise missing_database(path)
        orphans = _set_aside(set_aside_orphans, path)
        _create(path)
        log.info("Created %s at schema %s", path, SCHEMA_VERSION)
        return OpenedDatabase(
            path=path, schema_version=SCHEMA_VERSION, created=True, set_aside=orphans
        )
    check_is_sqlite(path)
    if read_only:
        return _open_read_only(path, busy_timeout)
    if not is_writable(path):
        if not read_only_fallback:
            raise read_only_problem(path)
        # Read, never written: no -wal or -shm appears beside a file that is read-only.
        opened = _open_read_only(path, busy_timeout)
        return replace(opened, read_only_reason=str(read_only_problem(path)))
    foreign = _set_aside(set_aside_foreign_wal, path)
    # One connection reads the version and takes the write lock: each connection
    # parses the schema and makes the -wal and -shm files anew (milliseconds of start-up).
    with connect(path, busy_timeout) as connection:
        version = schema_version_of(connection, path)
        _refuse_newer(path, version)
        probe_write_on(connection)
    if version == SCHEMA_VERSION or not migrate:
        return OpenedDatabase(path=path, schema_version=version or 0, set_aside=foreign)
    from .backups import make_backup  # only a migration needs these
    from .schema import upgrade

    backup = make_backup(path, f"before-schema-{SCHEMA_VERSION}") if version else None

    upgrade(path)
    log.info(
        "Migrated %s from schema %s to %s (backup: %s)", path, version or 0, SCHEMA_VERSION, backup
    )
    return OpenedDatabase(
        path=path, schema_version=SCHEMA_VERSION, migration_backup=backup, set_aside=foreign
    )


def _open_read_only(path: Path, busy_timeout: float) -> OpenedDatabase:
    version = read_schema_version(path, busy_timeout, read_only=True)
    _refuse_newer(path, version)
    if version != SCHEMA_VERSION:
        raise DatabaseProblem(
            path,
            f"{path} must be upgraded to schema {SCHEMA_VERSION} before this version can show "
            "it, and a file opened read-only cannot be upgraded.",
        )
    return OpenedDatabase(path=path, schema_version=version, read_only=True)


def _refuse_newer(path: Path, version: int | None) -> None:
    if version is not None and version > SCHEMA_VERSION:
        raise NewerDatabase(
            path,
            f"{path} was written by a newer version of PTF Desktop (schema {version}; this "
            f"version knows up to {SCHEMA_VERSION}). Install the newer version to open it; "
            "the file was not changed.",
        )


def missing_database(path: Path) -> DatabaseProblem:
    """The message for a database file that does not exist (and is not to be created)."""
    return DatabaseProblem(
        path,
        f"There is no database at {path}. Check the name, or create a new database with "
        "`ptf db upgrade` or File > New database.",
    )


def _set_aside(how: Callable[[Path], list[Path]], path: Path) -> tuple[Path, ...]:
    try:
        return tuple(how(path))
    except (OSError, sqlite3.Error) as error:
        raise_problem(error, path)


def _create(path: Path) -> None:
    """Create and migrate a new database beside its final name, then rename it into place.

    A crash or a full disk half-way leaves at most a hidden partial file, never a
    database file that looks whole.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise_problem(error, path)
    if not os.access(path.parent, os.W_OK):
        raise_problem(PermissionError(13, "folder is read-only"), path)
    partial = path.with_name(f".{path.name}.creating-{os.getpid()}")
    from .schema import upgrade

    try:
        create_private_file(partial)
        upgrade(partial)
        stamp_identity(partial)
        os.replace(partial, path)
    except BaseException:
        for leftover in (partial, *_sidecars(partial)):
            leftover.unlink(missing_ok=True)
        raise


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
