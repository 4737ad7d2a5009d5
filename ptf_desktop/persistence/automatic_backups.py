"""The automatic backup made when the application starts, and the pruning of old ones.

At most one automatic ("daily") backup is made per local calendar day, and only the
newest N of them are kept (N is the ``backups_to_keep`` business setting). Pruning
touches the daily backups only: a backup made by hand, before a schema upgrade, before a
restore, or of a damaged file was made at a moment of risk or on purpose, so it stays
until a person deletes it from the backups folder. The newest backup that passes the
integrity check is never pruned, so a file damaged long ago can still be restored.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .backups import BackupInfo, list_backups, make_backup
from .database_file import integrity_problems
from .errors import DatabaseProblem

AUTOMATIC_REASON = "daily"


def automatic_backups(database: Path) -> list[BackupInfo]:
    """The automatic backups of a database, newest first."""
    return [info for info in list_backups(database) if info.reason == AUTOMATIC_REASON]


def backed_up_today(database: Path, now: datetime | None = None) -> bool:
    """Whether an automatic backup was already made on the local calendar day of ``now``.

    Only the folder is listed (no database is opened), so this is cheap enough to run
    at every start-up.
    """
    today = (now or datetime.now().astimezone()).astimezone().date()
    return any(info.created.astimezone().date() == today for info in automatic_backups(database))


def make_automatic_backup(database: Path, keep: int, now: datetime | None = None) -> Path | None:
    """Make today's automatic backup unless there is one, then prune the older ones.

    Args:
        database: the live database file.
        keep: how many automatic backups to keep (at least 1).
        now: the moment that decides "today" (the current time by default).

    Returns:
        The new backup, or None when today's backup existed already.

    Raises:
        DatabaseProblem: the database cannot be read or the backup cannot be written;
            no partial file is left and no older backup is deleted.
    """
    if keep < 1:
        raise ValueError("keep at least one automatic backup")
    if backed_up_today(database, now):
        prune_automatic_backups(database, keep)
        return None
    written = make_backup(database, AUTOMATIC_REASON)
    prune_automatic_backups(database, keep, known_good=written)
    return written


def prune_automatic_backups(
    database: Path, keep: int, known_good: Path | None = None
) -> list[Path]:
    """Delete the automatic backups beyond the newest ``keep``; returns the deleted files.

    Args:
        database: the live database file.
        keep: how many automatic backups to keep.
        known_good: a backup just written (and checked), so not checked again.

    A file that cannot be deleted (in use on Windows, read-only) is left for next time.
    The newest automatic backup that passes the integrity check is kept whatever its age
    (backups made before checks existed may be damaged ones).
    """
    found = automatic_backups(database)
    if len(found) <= keep:
        return []
    doomed = found[keep:]
    good = _newest_good(found, known_good)
    deleted = []
    for info in doomed:
        if good is not None and info.path == good.path:
            continue
        try:
            info.path.unlink()
        except FileNotFoundError:
            continue  # another instance of the app pruned it first
        except OSError:
            continue
        deleted.append(info.path)
    return deleted


def _newest_good(found: list[BackupInfo], known_good: Path | None) -> BackupInfo | None:
    for info in found:
        if info.path == known_good:
            return info
        try:
            if not integrity_problems(info.path):
                return info
        except DatabaseProblem:
            continue
    return None
