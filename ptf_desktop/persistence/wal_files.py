"""Write-ahead logs that do not belong to their database are set aside, never replayed.

SQLite replays whatever ``NAME-wal`` lies beside ``NAME``: the log of an earlier file of
the same name (left by a crash, then the file was moved away), or of another database
copied there, would be merged into this one and damage it. SQLite keeps no link between
a database and its log, so the application makes one: every database carries a random
identity in its header's ``user_version`` field, and a log page 1 frame of which carries
another identity (or whose page size differs) belongs to another file.

A log beside a database that does not exist yet is always an orphan. Orphaned and
foreign logs are renamed aside (never deleted: they may hold someone's work) and the
caller says so; the ``-shm`` index beside them holds no data and is removed.

The log is read with plain file reads only when this process has no connection to the
database open (opening it; a command line process): see ``ui/file_dialogs`` for why.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

_WAL_MAGIC = (0x377F0682, 0x377F0683)
_WAL_HEADER = struct.Struct(">IIIIII")  # magic, version, page size, checkpoint, salt-1, salt-2
_WAL_HEADER_SIZE = 32
_FRAME_HEADER = struct.Struct(">IIII")  # page number, size after commit, salt-1, salt-2
_FRAME_HEADER_SIZE = 24
_USER_VERSION = slice(60, 64)  # where the database header keeps PRAGMA user_version


def wal_of(path: Path) -> Path:
    """The write-ahead log file of a database."""
    return path.with_name(path.name + "-wal")


def shm_of(path: Path) -> Path:
    """The shared-memory index file of a database."""
    return path.with_name(path.name + "-shm")


def new_identity() -> int:
    """A random identity for a new database (a positive 31-bit number, never 0)."""
    import secrets  # here: hashing and OpenSSL are not needed to open a file

    return secrets.randbelow(2**31 - 1) + 1


def set_aside_orphans(path: Path) -> list[Path]:
    """Before creating ``path``: set aside a log (and index) left by an earlier file.

    Returns:
        Where the log was moved (empty when there was none).
    """
    return _set_aside(path, "orphaned") if _exists(wal_of(path)) or _exists(shm_of(path)) else []


def set_aside_foreign_wal(path: Path) -> list[Path]:
    """Set aside the log beside a database when it belongs to another file.

    Returns:
        Where the log was moved (empty when it belongs to the database, or there is none).
    """
    if not wal_of(path).is_file() or wal_belongs(path):
        return []
    return _set_aside(path, "foreign")


def wal_belongs(path: Path) -> bool:
    """Whether the log beside a database can be its own (True when there is no evidence against).

    Evidence against: another page size, or a page 1 frame with another identity.
    """
    page_size, identity = _file_header(path)
    try:
        with open(wal_of(path), "rb") as log:
            header = log.read(_WAL_HEADER_SIZE)
            if len(header) < _WAL_HEADER_SIZE:
                return True  # an empty or cut log: SQLite ignores it
            magic, _version, wal_page_size, _checkpoint, salt1, salt2 = _WAL_HEADER.unpack(
                header[:24]
            )
            if magic not in _WAL_MAGIC:
                return True  # not a valid log: SQLite ignores it too
            if wal_page_size != page_size:
                return False
            seen = _identity_in_log(log, wal_page_size, (salt1, salt2))
    except OSError:
        return True  # unreadable here: SQLite will say what it finds
    # A file or frame without identity (made before identities existed) proves nothing.
    return identity == 0 or not seen or seen == identity


def _identity_in_log(log: BinaryIO, page_size: int, salts: tuple[int, int]) -> int | None:
    """The identity in the newest page 1 frame of the log's current generation, if any."""
    found = None
    offset = _WAL_HEADER_SIZE
    while True:
        log.seek(offset)
        header = log.read(_FRAME_HEADER_SIZE)
        if len(header) < _FRAME_HEADER_SIZE:
            return found
        page, _size, salt1, salt2 = _FRAME_HEADER.unpack(header[:16])
        if (salt1, salt2) != salts:
            return found  # the rest is an older generation, which SQLite ignores
        if page == 1:
            data = log.read(_USER_VERSION.stop)
            if len(data) < _USER_VERSION.stop:
                return found
            found = int.from_bytes(data[_USER_VERSION], "big")
        offset += _FRAME_HEADER_SIZE + page_size


def file_identity(path: Path) -> int:
    """The identity written in the database file itself (0: none yet)."""
    return _file_header(path)[1]


def _file_header(path: Path) -> tuple[int, int]:
    """The page size and identity written in the database file itself (not its log)."""
    uri = f"{path.absolute().as_uri()}?immutable=1"  # the file alone, without its log
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        identity = connection.execute("PRAGMA user_version").fetchone()[0]
    return int(page_size), int(identity)


def _set_aside(path: Path, why: str) -> list[Path]:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    moved = []
    wal = wal_of(path)
    if _exists(wal):
        target = wal.with_name(f"{wal.name}.{why}-{stamp}")
        counter = 1
        while _exists(target):
            counter += 1
            target = wal.with_name(f"{wal.name}.{why}-{stamp}.{counter}")
        os.replace(wal, target)
        moved.append(target)
    shm_of(path).unlink(missing_ok=True)
    return moved


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()
