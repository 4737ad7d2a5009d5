"""Opening a database file: create it, check it, back it up and migrate it if needed.

The same steps serve the GUI and the command line. Checks use only the standard
library; Alembic is imported only when a migration has to run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .database_file import (
    DEFAULT_BUSY_TIMEOUT,
    SCHEMA_VERSION,
    check_is_sqlite,
    check_writable,
    create_private_file,
    probe_write,
    raise_problem,
    read_schema_version,
)
from .errors import NewerDatabase


@dataclass(frozen=True)
class OpenedDatabase:
    """What opening a database found and did.

    Attributes:
        path: the database file.
        schema_version: its schema version after opening.
        created: True when the file was created now.
        migration_backup: the backup made before migrating, if a migration ran.
    """

    path: Path
    schema_version: int
    created: bool = False
    migration_backup: Path | None = None


def open_database(
    path: Path, *, migrate: bool = True, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
) -> OpenedDatabase:
    """Make a database file ready for use, creating or migrating it as needed.

    Args:
        path: the database file; it is created (with its folder) when missing.
        migrate: bring an older schema up to date (after a backup); when False an older
            file is opened as it is and reported with its version.
        busy_timeout: seconds to wait for another program's lock before giving up.

    Raises:
        DatabaseProblem: the file is damaged, not a database, read-only, locked, on a full
            disk, or from a newer version of the application; it is left untouched.
    """
    path = path.expanduser().absolute()
    if not path.exists():
        _create(path)
        return OpenedDatabase(path=path, schema_version=SCHEMA_VERSION, created=True)
    check_is_sqlite(path)
    check_writable(path)
    version = read_schema_version(path, busy_timeout)
    if version is not None and version > SCHEMA_VERSION:
        raise NewerDatabase(
            path,
            f"{path} was written by a newer version of PTF Desktop (schema {version}; this "
            f"version knows up to {SCHEMA_VERSION}). Install the newer version to open it; "
            "the file was not changed.",
        )
    probe_write(path, busy_timeout)
    if version == SCHEMA_VERSION or not migrate:
        return OpenedDatabase(path=path, schema_version=version or 0)
    from .backups import make_backup  # only a migration needs these
    from .schema import upgrade

    backup = make_backup(path, f"before-schema-{SCHEMA_VERSION}") if version else None

    upgrade(path)
    return OpenedDatabase(path=path, schema_version=SCHEMA_VERSION, migration_backup=backup)


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
        os.replace(partial, path)
    except BaseException:
        for leftover in (partial, *_sidecars(partial)):
            leftover.unlink(missing_ok=True)
        raise


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
