"""SQLAlchemy engine and session factories for one database file.

Every connection gets the same pragmas (WAL, foreign keys, a busy timeout, full
synchronous commits). Write transactions start with BEGIN IMMEDIATE so that two
processes never both read and then fail to upgrade to a write lock.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from .audit_hook import install_audit_trail
from .database_file import DEFAULT_BUSY_TIMEOUT, read_only_uri
from .errors import DatabaseReadOnly

_READ_ONLY = "ptf_read_only"


@dataclass(frozen=True)
class SessionFactories:
    """The two ways services open a transaction on one database.

    Attributes:
        engine: the engine (dispose it before replacing the file).
        write: sessions whose transactions take the write lock at once.
        read: sessions for queries only; they do not block writers in other processes.
    """

    engine: Engine
    write: sessionmaker[Session]
    read: sessionmaker[Session]


def make_engine(
    path: Path,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    *,
    read_only: bool = False,
    refusal: str = "",
) -> Engine:
    """Create the engine for a database file, with the app's pragmas on every connection.

    Args:
        path: the database file.
        busy_timeout: seconds a connection waits for another process's lock.
        read_only: connections read only; a write transaction is refused with a
            DatabaseReadOnly that says why.
        refusal: the message of that refusal (by default: another window has the file).
    """
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": busy_timeout})
    if read_only:
        event.listen(engine, "do_connect", partial(_connect_read_only, path))
        event.listen(engine, "connect", _on_connect_read_only)
        refusal = refusal or (
            f"{path.name} is open read-only in this window, so nothing can be changed here. "
            "Make the change in the window that has it open for writing."
        )
        event.listen(engine, "begin", partial(_refuse_writes, path, refusal))
    else:
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)
    return engine


def make_session_factories(engine: Engine, actor: str) -> SessionFactories:
    """Build the write and read session factories; both record the actor for the audit trail."""
    write = sessionmaker(engine, expire_on_commit=False, info={"actor": actor})
    read = sessionmaker(
        engine.execution_options(**{_READ_ONLY: True}),
        expire_on_commit=False,
        info={"actor": actor},
    )
    install_audit_trail(write)
    install_audit_trail(read)
    return SessionFactories(engine=engine, write=write, read=read)


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event decide how transactions start (pysqlite would
    # otherwise start them lazily and on its own terms).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    # FULL: a committed invoice survives a power cut too, not only a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    # Up to 64 MiB of pages kept between transactions (the default is 2 MiB): the
    # dashboard's and lists' aggregates read the same indexes again on every refresh.
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.close()


def _connect_read_only(
    path: Path, _dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]
) -> None:
    # The URI form is the only way to ask sqlite3 for a read-only connection.
    cargs[:] = [read_only_uri(path)]
    cparams["uri"] = True


def _on_connect_read_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.close()


def _refuse_writes(path: Path, refusal: str, connection: Any) -> None:
    if not connection.get_execution_options().get(_READ_ONLY, False):
        raise DatabaseReadOnly(path, refusal)
    connection.exec_driver_sql("BEGIN")


def _on_begin(connection: Any) -> None:
    read_only = connection.get_execution_options().get(_READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
