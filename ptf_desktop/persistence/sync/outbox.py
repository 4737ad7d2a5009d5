"""The outbox: captured changes cut into batches, turned into the protocol's changes.

A batch gets its id (stored on its entries) in a committed transaction before it is
first sent; a batch that got no answer is sent again with the same id and the same
changes, so the server applies it once. Acknowledged entries are deleted.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, LargeBinary, Table, text
from sqlalchemy.engine import Dialect

from .. import models  # noqa: F401  (every table registered)
from ..base import Base
from .protocol import encode_value


@dataclass(frozen=True)
class Batch:
    """Changes sent together: the protocol's change dicts and the batch id."""

    batch_id: str
    changes: list[dict[str, Any]]


def pending_count(connection: Connection) -> int:
    """How many captured changes wait for the server."""
    return int(connection.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one())


def next_batch(connection: Connection, size: int) -> Batch | None:
    """The batch to send next: an unanswered one again, else up to ``size`` new changes.

    A new batch's id is written to its entries here; the caller commits before sending.
    """
    waiting = connection.execute(
        text("SELECT batch_id FROM sync_outbox WHERE batch_id IS NOT NULL ORDER BY seq LIMIT 1")
    ).scalar()
    if waiting is None:
        last = connection.execute(
            text("SELECT max(seq) FROM (SELECT seq FROM sync_outbox ORDER BY seq LIMIT :n)"),
            {"n": size},
        ).scalar()
        if last is None:
            return None
        waiting = uuid.uuid4().hex
        connection.execute(
            text("UPDATE sync_outbox SET batch_id = :b WHERE seq <= :last AND batch_id IS NULL"),
            {"b": waiting, "last": last},
        )
    rows = connection.execute(
        text("SELECT change_id, table_name, row_id, op, base_version, fields, old "
             "FROM sync_outbox WHERE batch_id = :b ORDER BY seq"),
        {"b": waiting},
    ).all()  # fmt: skip
    converter = _Converter(connection.dialect)
    return Batch(str(uuid.UUID(hex=str(waiting))), [converter.change(row) for row in rows])


def acknowledge(connection: Connection, batch_id: str) -> None:
    """Forget the entries of a batch the server answered."""
    connection.execute(
        text("DELETE FROM sync_outbox WHERE batch_id = :b"), {"b": uuid.UUID(batch_id).hex}
    )


def dirty_fields(connection: Connection) -> dict[tuple[str, str], set[str]]:
    """For each row with changes not yet acknowledged, the fields they change."""
    found: dict[tuple[str, str], set[str]] = {}
    for table_name, row_id, fields in connection.execute(
        text("SELECT table_name, row_id, fields FROM sync_outbox")
    ):
        found.setdefault((table_name, row_id), set()).update(json.loads(fields))
    return found


class _Converter:
    """Turns stored SQLite values of the outbox into the protocol's JSON values."""

    def __init__(self, dialect: Dialect) -> None:
        self._dialect = dialect
        self._processors: dict[tuple[str, str], Callable[[Any], Any] | None] = {}

    def change(self, row: Any) -> dict[str, Any]:
        table = Base.metadata.tables[row.table_name]
        return {
            "change_id": str(uuid.UUID(hex=row.change_id)),
            "table": row.table_name,
            "row_id": str(uuid.UUID(hex=row.row_id)),
            "op": row.op,
            "base_version": int(row.base_version),
            "fields": self.values(table, json.loads(row.fields)),
            "old": self.values(table, json.loads(row.old)),
        }

    def values(self, table: Table, stored: dict[str, Any]) -> dict[str, Any]:
        return {name: self.value(table, name, value) for name, value in stored.items()}

    def value(self, table: Table, name: str, stored: Any) -> Any:
        if stored is None:
            return None
        column = table.c[name]
        if isinstance(column.type, LargeBinary):  # the triggers stored bytes as hex
            return encode_value(bytes.fromhex(stored))
        key = (table.name, name)
        if key not in self._processors:
            kind = column.type.dialect_impl(self._dialect)
            self._processors[key] = kind.result_processor(self._dialect, None)
        process = self._processors[key]
        return encode_value(process(stored) if process is not None else stored)
