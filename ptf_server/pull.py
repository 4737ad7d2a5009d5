"""Reading changes for a device: the change log after a cursor, below the snapshot horizon.

The cursor is (xid, seq): the writing transaction's id and the log's sequence. Only
entries of transactions older than every transaction still running are read
(``pg_snapshot_xmin(pg_current_snapshot())``): a transaction that started earlier but
commits later would otherwise be skipped for ever by a cursor that moved past it.

Each page sends the current state of the rows it names, plus the rows they refer to
through foreign keys (their parents, recursively), so a page always applies on its own.

PostgreSQL renders the rows as JSON itself (``row_to_json``, bytes as base64, timestamps
in UTC) and the page is assembled as text: a new laptop's join reads hundreds of
thousands of rows, and turning each into Python values and back into JSON would cost
more than everything else together.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, ForeignKey, LargeBinary, Table, text
from sqlalchemy.dialects import postgresql

from ptf_desktop.persistence.base import Base

_AFTER = "(xid, seq) > (CAST(CAST(:xid AS text) AS xid8), :seq)"
_UP_TO = "(xid, seq) <= (CAST(CAST(:end_xid AS text) AS xid8), :end_seq)"
_VISIBLE = f"{_AFTER} AND xid < pg_snapshot_xmin(pg_current_snapshot())"
# The page's last entry when the page is full; else the last entry there is. (The order
# names the table's columns: the output column "xid" is a bigint, which no index sorts.)
_FULL_PAGE_END = text(
    f"SELECT xid::text::bigint, seq FROM sync_change_log l WHERE {_VISIBLE} "
    "ORDER BY l.xid, l.seq OFFSET :skip LIMIT 1"
)
_LAST_ENTRY = text(
    f"SELECT xid::text::bigint, seq FROM sync_change_log l WHERE {_VISIBLE} "
    "ORDER BY l.xid DESC, l.seq DESC LIMIT 1"
)
_PAGE_TABLES = text(f"SELECT DISTINCT table_name FROM sync_change_log WHERE {_AFTER} AND {_UP_TO}")
_PAGE_IDS = (
    f"SELECT row_id FROM sync_change_log WHERE table_name = :table AND {_AFTER} AND {_UP_TO}"
)
# Per row named: was any of its log entries written after the cursor?
_LOGGED_AFTER = text(
    f"SELECT row_id, bool_or({_AFTER}) FROM sync_change_log WHERE row_id = ANY(:ids) "
    "GROUP BY row_id"
)
_Cursor = tuple[int, int]


def pull_page(
    engine: Engine,
    cursor: _Cursor,
    limit: int,
    refetch: list[tuple[str, uuid.UUID]] = (),  # type: ignore[assignment]
) -> bytes:
    """Up to ``limit`` log entries after ``cursor``, as the JSON body of the answer.

    The body is ``{"rows": [{"table": name, "row": {column: JSON value}}], "cursor":
    [xid, seq], "more": bool, "missing": [{"table", "row_id"}]}``: rows parents first;
    ``refetch`` names rows the device wants as they are now, those the server does not
    have are listed as ``missing`` (the device drops its copy).
    """
    with engine.connect() as connection:
        connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        connection.execute(text("SET LOCAL TimeZone = 'UTC'"))
        position = {"xid": cursor[0], "seq": cursor[1]}
        end = connection.execute(_FULL_PAGE_END, {**position, "skip": limit - 1}).first()
        more = end is not None
        if end is None:
            end = connection.execute(_LAST_ENTRY, position).first()
        rows = _Rows(connection)
        if end is not None:
            page = {**position, "end_xid": end[0], "end_seq": end[1]}
            for (name,) in connection.execute(_PAGE_TABLES, page).all():
                if name in Base.metadata.tables:
                    rows.read(Base.metadata.tables[name], _PAGE_IDS, {**page, "table": name})
        asked: dict[str, set[uuid.UUID]] = defaultdict(set)
        for table_name, row_id in refetch:
            if table_name in Base.metadata.tables:
                asked[table_name].add(row_id)
        for name, ids in asked.items():
            rows.read_ids(Base.metadata.tables[name], ids)
        rows.add_parents(cursor)
        connection.rollback()
    found = rows.found
    missing = [{"table": t, "row_id": str(r)} for t, r in refetch if r not in found.get(t, ())]
    next_cursor = list(end) if end is not None else list(cursor)
    tail = json.dumps({"cursor": next_cursor, "more": more, "missing": missing})
    return b'{"rows":[' + ",".join(rows.items()).encode() + b"]," + tail[1:].encode()


class _Rows:
    """The rows of a page as JSON text by table and id, and the parents they name."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.found: dict[str, dict[uuid.UUID, str]] = defaultdict(dict)
        self._named: dict[str, set[uuid.UUID]] = defaultdict(set)  # parents referred to

    def read(self, table: Table, ids_query: str, parameters: dict[str, Any]) -> None:
        """Read the rows of ``table`` whose ids ``ids_query`` selects."""
        keys = _parent_keys(table)
        found = self.found[table.name]
        for row in self._connection.execute(_select_json(table, ids_query), parameters):
            found[row[0]] = row[-1]
            for key, value in zip(keys, row[1:-1], strict=True):
                if value is not None:
                    self._named[key.column.table.name].add(value)

    def read_ids(self, table: Table, ids: set[uuid.UUID]) -> None:
        """Read the rows of ``table`` with these ids (those not read yet)."""
        todo = list(ids - self.found[table.name].keys())
        if todo:
            self.read(table, "SELECT unnest(CAST(:ids AS uuid[]))", {"ids": todo})

    def add_parents(self, cursor: _Cursor) -> None:
        """Add the parents named that a device at ``cursor`` may not have, recursively.

        A parent the device has already (all its log entries are before its cursor) is
        not sent again: a new laptop's join would otherwise receive each organization once
        per page that names one of its contacts, terms or invoices.
        """
        checked: dict[str, set[uuid.UUID]] = defaultdict(set)
        while True:
            pending = {}
            for name, ids in self._named.items():
                fresh = ids - self.found[name].keys() - checked[name]
                checked[name] |= fresh
                if fresh:
                    pending[name] = _not_yet_sent(self._connection, fresh, cursor)
            if not pending:
                return
            for name, ids in pending.items():
                self.read_ids(Base.metadata.tables[name], ids)

    def items(self) -> list[str]:
        """``{"table": name, "row": {...}}`` items, parents' tables first."""
        items: list[str] = []
        for table in Base.metadata.sorted_tables:
            prefix = '{"table":' + json.dumps(table.name) + ',"row":'
            items.extend(prefix + row + "}" for row in self.found.get(table.name, {}).values())
        return items


def _not_yet_sent(
    connection: Connection, ids: set[uuid.UUID], cursor: tuple[int, int]
) -> set[uuid.UUID]:
    """The rows among ``ids`` that a device at ``cursor`` may not have."""
    answer = connection.execute(
        _LOGGED_AFTER, {"ids": list(ids), "xid": cursor[0], "seq": cursor[1]}
    )
    already = {row_id for row_id, later in answer if not later}
    return ids - already


_POSTGRESQL = postgresql.dialect()  # type: ignore[no-untyped-call]


@cache
def _parent_keys(table: Table) -> list[ForeignKey]:
    """The table's foreign keys in a fixed order (the query's columns follow it)."""
    return sorted(table.foreign_keys, key=lambda key: key.parent.name)


@cache
def _select_json(table: Table, ids_query: str) -> Any:
    """``SELECT id, <foreign keys>, <row as JSON text> FROM table WHERE id IN (ids_query)``."""
    quote = _POSTGRESQL.identifier_preparer.quote
    rendered = []
    for column in table.c:
        name = "t." + quote(column.name)
        if isinstance(column.type, LargeBinary):  # bytes travel as base64
            name = f"translate(encode({name}, 'base64'), E'\\n', '')"
        rendered.append(f"{name} AS {quote(column.name)}")
    keys = "".join(f"t.{quote(key.parent.name)}, " for key in _parent_keys(table))
    return text(
        f"SELECT t.id, {keys}row_to_json(j)::text FROM {quote(table.name)} t "
        f"CROSS JOIN LATERAL (SELECT {', '.join(rendered)}) j WHERE t.id IN ({ids_query})"
    )
