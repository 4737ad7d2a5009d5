"""Applying pulled rows on the laptop, in the caller's one transaction.

The capture is switched off for the transaction (so the rows do not go back out),
foreign keys are checked at commit (a page may name children before parents), and a
row that still has local changes waiting keeps its local values of the fields those
changes touch: they reach the server with the next push, which merges them.
Local-only columns are never overwritten.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select
from sqlalchemy.dialects.sqlite import insert

from .. import models  # noqa: F401  (every table registered)
from ..base import Base
from .capture import synced_columns
from .local_state import set_capture
from .outbox import dirty_fields
from .protocol import decode_value


def apply_rows(connection: Connection, rows: Iterable[dict[str, Any]]) -> int:
    """Apply pulled rows (``{"table": name, "row": {column: JSON value}}``); returns how many.

    Raises:
        KeyError: a table or column this laptop does not know.
    """
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    set_capture(connection, False)
    dirty = dirty_fields(connection)
    by_table: dict[str, list[dict[str, Any]]] = {}
    for item in rows:
        by_table.setdefault(item["table"], []).append(item["row"])
    count = 0
    for table in Base.metadata.sorted_tables:
        if table.name in by_table:
            count += _apply_table(connection, table, by_table[table.name], dirty)
    set_capture(connection, True)
    return count


def _apply_table(
    connection: Connection,
    table: Table,
    rows: list[dict[str, Any]],
    dirty: dict[tuple[str, str], set[str]],
) -> int:
    """Insert the new rows; in the others write only the columns whose values differ.

    Writing only what changed keeps SQLite from rewriting the index entries (and the
    search index) of columns that stayed the same.
    """
    columns = list(synced_columns(table)) + (
        [table.c.row_version] if "row_version" in table.c else []
    )
    incoming = [{c.name: decode_value(c.type, raw.get(c.name)) for c in columns} for raw in rows]
    local = _local_rows(connection, table, columns, [values["id"] for values in incoming])
    inserts: list[dict[str, Any]] = []
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for values in incoming:
        row_id = values["id"]
        present = local.get(row_id)
        if present is None:
            inserts.append(values)
            continue
        keep = dirty.get((table.name, row_id.hex), set())
        changed = {k: v for k, v in values.items()
                   if k != "id" and k not in keep and present[k] != v}  # fmt: skip
        if changed:
            if "updated_at" in values:  # else the model's onupdate would stamp "now"
                changed["updated_at"] = values["updated_at"]
            updates[tuple(sorted(changed))].append({**changed, "_row_id": row_id})
    if inserts:
        statement = insert(table)
        if "row_version" not in table.c:  # append-only rows may come twice
            statement = statement.on_conflict_do_nothing(index_elements=[table.c.id])
        connection.execute(statement, inserts)
    for group in updates.values():
        connection.execute(table.update().where(table.c.id == bindparam("_row_id")), group)
    return len(rows)


def _local_rows(
    connection: Connection, table: Table, columns: list[Any], ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    found: dict[uuid.UUID, dict[str, Any]] = {}
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        for row in connection.execute(select(*columns).where(table.c.id.in_(chunk))):
            found[row.id] = dict(row._mapping)
    return found


def delete_rows(connection: Connection, missing: Iterable[dict[str, str]]) -> int:
    """Remove local rows the server does not have (their creation was refused there)."""
    set_capture(connection, False)
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    count = 0
    for item in missing:
        table = Base.metadata.tables.get(item["table"])
        if table is not None:
            row_id = uuid.UUID(item["row_id"])
            count += connection.execute(table.delete().where(table.c.id == row_id)).rowcount
    set_capture(connection, True)
    return count


def row_key(value: Any) -> str:
    """A row id as the outbox stores it (32 hex digits)."""
    return uuid.UUID(str(value)).hex
