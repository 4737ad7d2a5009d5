"""The rows one pushed batch touches: read together, changed in memory, written together.

A batch of thousands of changes must not cost thousands of round trips: the rows it
names are read (and locked, FOR UPDATE) with one query per table, each change is merged
against the row as the batch has left it so far, and the writes go out as executemany
statements grouped by table and columns. The buffer is flushed before any check that
reads the database itself (document numbers, a line's document) and at the end.

The server's triggers bump ``row_version`` once per written row; the buffer counts the
same way, so the versions it reports are the ones written.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select

_CHUNK = 5000
RowKey = tuple[str, uuid.UUID]


class RowBuffer:
    """Current state of the batch's rows, and the writes not yet sent."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._rows: dict[RowKey, dict[str, Any] | None] = {}
        self._tables: dict[str, Table] = {}
        self._inserts: dict[RowKey, dict[str, Any]] = {}
        self._updates: dict[RowKey, dict[str, Any]] = {}

    def load(self, wanted: dict[Table, set[uuid.UUID]]) -> None:
        """Read and lock the rows named (missing ones are remembered as absent)."""
        for table, ids in wanted.items():
            self._tables[table.name] = table
            keys = [i for i in ids if (table.name, i) not in self._rows]
            for first in range(0, len(keys), _CHUNK):
                chunk = keys[first : first + _CHUNK]
                found = self._connection.execute(
                    select(table).where(table.c.id.in_(chunk)).with_for_update()
                )
                for row in found:
                    self._rows[(table.name, row.id)] = dict(row._mapping)
                for key in chunk:
                    self._rows.setdefault((table.name, key), None)

    def current(self, table: Table, row_id: uuid.UUID) -> dict[str, Any] | None:
        """The row as the batch has left it so far (None: it does not exist)."""
        if (table.name, row_id) not in self._rows:
            self.load({table: {row_id}})
        row = self._rows[(table.name, row_id)]
        return None if row is None else dict(row)

    def insert(self, table: Table, row_id: uuid.UUID, values: dict[str, Any]) -> int:
        """Create a row; returns its version."""
        key = (table.name, row_id)
        self._tables[table.name] = table
        stored = {**values, "id": row_id}
        self._inserts[key] = stored
        version = 1 if "row_version" in table.c else 0
        self._rows[key] = {**stored, "row_version": version}
        return version

    def update(self, table: Table, row_id: uuid.UUID, values: dict[str, Any]) -> int:
        """Change columns of a row; returns its version after the write."""
        key = (table.name, row_id)
        row = self._rows[key]
        assert row is not None
        row.update(values)
        if key in self._inserts:
            self._inserts[key].update(values)
        elif key in self._updates:
            self._updates[key].update(values)
        else:
            self._updates[key] = dict(values)
            row["row_version"] = int(row.get("row_version") or 0) + 1
        return int(row.get("row_version") or 0)

    def version(self, table: Table, row_id: uuid.UUID) -> int:
        """The row's version as it stands in the batch."""
        row = self._rows.get((table.name, row_id))
        return int(row.get("row_version") or 0) if row else 0

    def flush(self) -> None:
        """Send the buffered writes: inserts, then updates, each grouped by their columns."""
        inserts: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
        for (name, _), values in self._inserts.items():
            inserts[(name, tuple(sorted(values)))].append(values)
        for (name, _), rows in inserts.items():
            self._connection.execute(self._tables[name].insert(), rows)
        updates: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
        for (name, row_id), values in self._updates.items():
            row = self._rows[(name, row_id)]
            if row is not None and "updated_at" in row:  # else onupdate would stamp "now"
                values = {**values, "updated_at": row["updated_at"]}
            updates[(name, tuple(sorted(values)))].append({**values, "_row_id": row_id})
        for (name, _), rows in updates.items():
            table = self._tables[name]
            self._connection.execute(table.update().where(table.c.id == bindparam("_row_id")), rows)
        self._inserts.clear()
        self._updates.clear()
