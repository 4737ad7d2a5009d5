"""Reading changes for a device: the change log after a cursor, below the snapshot horizon.

The cursor is (xid, seq): the writing transaction's id and the log's sequence. Only
entries of transactions older than every transaction still running are read
(``pg_snapshot_xmin(pg_current_snapshot())``): a transaction that started earlier but
commits later would otherwise be skipped for ever by a cursor that moved past it.

Each page sends the current state of the rows it names, plus the rows they refer to
through foreign keys (their parents, recursively), so a page always applies on its own.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Engine, Table, select, text

from ptf_desktop.persistence.base import Base
from ptf_desktop.persistence.sync.protocol import encode_row

_LOG_PAGE = text(
    """
    SELECT xid::text::bigint AS xid, seq, table_name, row_id
    FROM sync_change_log
    WHERE (xid, seq) > (CAST(CAST(:xid AS text) AS xid8), :seq)
      AND xid < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY xid, seq
    LIMIT :limit
    """
)


_LOGGED = text("SELECT DISTINCT row_id FROM sync_change_log WHERE row_id = ANY(:ids)")
_LOGGED_AFTER = text(
    "SELECT DISTINCT row_id FROM sync_change_log WHERE row_id = ANY(:ids) "
    "AND (xid, seq) > (CAST(CAST(:xid AS text) AS xid8), :seq)"
)


def pull_page(
    engine: Engine,
    cursor: tuple[int, int],
    limit: int,
    refetch: list[tuple[str, uuid.UUID]] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    """Up to ``limit`` log entries after ``cursor``: rows to apply, the next cursor, more?

    ``refetch`` names rows the device wants as they are now; those the server does not
    have are listed as ``missing`` (the device drops its copy).
    """
    with engine.connect() as connection:
        connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        entries = connection.execute(
            _LOG_PAGE, {"xid": cursor[0], "seq": cursor[1], "limit": limit}
        ).all()
        wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
        for entry in entries:
            wanted[entry.table_name].add(entry.row_id)
        for table_name, row_id in refetch:
            if table_name in Base.metadata.tables:
                wanted[table_name].add(row_id)
        rows = _rows_with_parents(connection, wanted, cursor)
        sent = {(item["table"], item["row"]["id"]) for item in rows}
        missing = [{"table": t, "row_id": str(r)} for t, r in refetch if (t, str(r)) not in sent]
        connection.rollback()
    next_cursor = (entries[-1].xid, entries[-1].seq) if entries else cursor
    return {"rows": rows, "cursor": list(next_cursor), "more": len(entries) == limit,
            "missing": missing}  # fmt: skip


def _rows_with_parents(
    connection: Connection, wanted: dict[str, set[uuid.UUID]], cursor: tuple[int, int]
) -> list[dict[str, Any]]:
    """The rows named, and their parents, parents first (tables in dependency order).

    A parent the device has already (all its log entries are before its cursor) is not
    sent again: a new laptop's join would otherwise receive each organization once per
    page that names one of its contacts, terms or invoices.
    """
    found: dict[str, dict[uuid.UUID, dict[str, Any]]] = defaultdict(dict)
    pending = {name: set(ids) for name, ids in wanted.items()}
    while pending:
        parents: dict[str, set[uuid.UUID]] = defaultdict(set)
        for name, ids in pending.items():
            table = Base.metadata.tables.get(name)
            if table is None:
                continue
            for row in _read(connection, table, ids - found[name].keys()):
                found[name][row["id"]] = row
                for key in table.foreign_keys:
                    value = row[key.parent.name]
                    if value is not None and value not in found[key.column.table.name]:
                        parents[key.column.table.name].add(value)
        pending = {
            name: _not_yet_sent(connection, ids, cursor) for name, ids in parents.items() if ids
        }
        pending = {name: ids for name, ids in pending.items() if ids}
    ordered = []
    for table in Base.metadata.sorted_tables:
        for row in found.get(table.name, {}).values():
            ordered.append({"table": table.name, "row": encode_row(table, row)})
    return ordered


def _not_yet_sent(
    connection: Connection, ids: set[uuid.UUID], cursor: tuple[int, int]
) -> set[uuid.UUID]:
    """The rows among ``ids`` that a device at ``cursor`` may not have."""
    keys = list(ids)
    logged = set(connection.execute(_LOGGED, {"ids": keys}).scalars())
    later = set(connection.execute(_LOGGED_AFTER, {"ids": keys, "xid": cursor[0],
                                                   "seq": cursor[1]}).scalars())  # fmt: skip
    return (ids - logged) | later


def _read(connection: Connection, table: Table, ids: set[uuid.UUID]) -> list[dict[str, Any]]:
    keys = list(ids)
    rows: list[dict[str, Any]] = []
    for first in range(0, len(keys), 1000):
        chunk = keys[first : first + 1000]
        result = connection.execute(select(table).where(table.c.id.in_(chunk)))
        rows.extend(dict(row._mapping) for row in result)
    return rows
