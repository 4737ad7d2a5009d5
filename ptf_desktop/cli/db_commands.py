"""``ptf db ...``: information, upgrade, integrity check and backup of the database file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..paths import AppPaths
from ..services import database_service
from ..services.context import open_context


def register(commands: Any) -> None:
    """Add the ``db`` command group to the top-level sub-command parser."""
    db = commands.add_parser("db", help="look after the database file")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    info = actions.add_parser("info", help="path, schema version and row counts")
    info.set_defaults(run=_info)

    upgrade = actions.add_parser("upgrade", help="create or migrate the database to this version")
    upgrade.set_defaults(run=_upgrade)

    check = actions.add_parser("check", help="full integrity check (exit 1 when damaged)")
    check.set_defaults(run=_check)

    backup = actions.add_parser("backup", help="write a consistent backup copy")
    backup.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        help="the file (or folder) to write it to (default: the backups folder)",
    )
    backup.set_defaults(run=_backup)

    listing = actions.add_parser("backups", help="list the backups: date (local time), size, why")
    listing.set_defaults(run=_backups)


def _info(_arguments: argparse.Namespace, paths: AppPaths) -> int:
    info = database_service.database_info(paths.database)
    version = "empty" if info.schema_version is None else str(info.schema_version)
    print(f"Database:        {info.path}")
    print(f"Size:            {info.size_bytes:,} bytes")
    print(f"Schema version:  {version} (this version of the app: {info.app_schema_version})")
    for table, count in info.row_counts.items():
        print(f"  {table:<24}{count:>10,}")
    return 0


def _upgrade(_arguments: argparse.Namespace, paths: AppPaths) -> int:
    existed = paths.database.exists() or paths.database.is_symlink()
    # A foreign write-ahead log is set aside before anything reads the file.
    set_aside = database_service.require_database(paths.database) if existed else []
    before = database_service.database_info(paths.database).schema_version if existed else None
    context = open_context(paths.database, migrate=True, read_only_fallback=False)
    context.close()
    opened = context.database
    for moved in [*set_aside, *opened.set_aside]:
        warning = database_service.describe_set_aside(opened.path, moved, opened.created)
        print(f"ptf: warning: {warning}", file=sys.stderr)
    if opened.created:
        print(f"Created {opened.path} at schema version {opened.schema_version}.")
    elif before == opened.schema_version:
        print(f"{opened.path} is already at schema version {opened.schema_version}.")
    else:
        print(f"Upgraded {opened.path} from schema {before} to {opened.schema_version}.")
        if opened.migration_backup is not None:
            print(f"Backup of the previous file: {opened.migration_backup}")
    return 0


def _check(_arguments: argparse.Namespace, paths: AppPaths) -> int:
    database_service.require_database(paths.database)
    problems = database_service.check_integrity(paths.database)
    if problems:
        print(f"{paths.database} is damaged:")
        for problem in problems:
            print(f"  {problem}")
        print(database_service.describe_newest_good(paths.database))
        return 1
    database_service.require_ptf_schema(paths.database)  # a sound file of another application
    print(f"{paths.database}: integrity check passed.")
    return 0


def _backup(arguments: argparse.Namespace, paths: AppPaths) -> int:
    database_service.require_database(paths.database)
    written = database_service.back_up(paths.database, arguments.out)
    print(written)
    return 0


def _backups(_arguments: argparse.Namespace, paths: AppPaths) -> int:
    found = database_service.list_backups(paths.database)
    if not found:
        print(
            f"No backups of {paths.database} in {database_service.backup_folder(paths.database)}."
        )
        return 0
    print(f"Backups of {paths.database}, newest first:")
    for info in found:
        made = f"{info.created.astimezone():%Y-%m-%d %H:%M:%S}"
        why = database_service.describe_backup_reason(info.reason)
        print(f"  {made}  {info.size:>14,} bytes  {why:<32}{info.path}")
    return 0
