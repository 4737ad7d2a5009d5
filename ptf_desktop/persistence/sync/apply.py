"""Applying pulled rows on the laptop, in the caller's one transaction.

The capture is switched off for the transaction (so the rows do not go back out),
foreign keys are checked at commit (a page may name children before parents), and a
row that still has local changes waiting keeps its local values of the fields those
changes touch: they reach the server with the next push, which merges them.
Local-only columns are never overwritten.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Dialect, Table, bindparam, select

from .. import (
    models,  # noqa: F401  (every table registered)
    search_index,
)
from ..base import Base
from . import bulk_load
from .capture import synced_columns
from .local_state import set_capture
from .outbox import dirty_fields
from .protocol import decoder_for, same


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

    New rows (all of them when a laptop joins) go straight to the driver, converted by
    the columns' own bind processors: building statements per row would cost more than
    SQLite's work. Writing only what changed keeps SQLite from rewriting the index
    entries (and the search index) of columns that stayed the same.
    """
    plan = _plan(table, connection.dialect)
    present = _present(connection, plan, [raw["id"] for raw in rows])
    new = [plan.stored(raw) for raw in rows if raw["id"] not in present]
    if new:
        # Indexed for search once per page, not row by row (or after a whole register).
        if table.name == "organizations" and not bulk_load.pending(connection):
            with search_index.inserting_many(connection):
                connection.exec_driver_sql(plan.insert, new)
        else:
            connection.exec_driver_sql(plan.insert, new)
    known = [raw for raw in rows if raw["id"] in present]
    if known:
        _update_known(connection, table, plan, known, dirty)
    return len(rows)


class _Plan:
    """How pulled rows of one table reach SQLite: columns, value conversions, the INSERT."""

    def __init__(self, table: Table, dialect: Dialect) -> None:
        self.columns = list(synced_columns(table)) + (
            [table.c.row_version] if "row_version" in table.c else []
        )
        self.names = [column.name for column in self.columns]
        self.decoders = [decoder_for(column.type) for column in self.columns]
        self.storers = [_storer(column, dialect) for column in self.columns]
        self.store_id = _storer(table.c.id, dialect)
        self._pick = itemgetter(*self.names)
        self._converting = [(i, f) for i, f in enumerate(self.storers) if f is not same]
        quote = dialect.identifier_preparer.quote
        # Append-only rows (no row_version) may come twice.
        verb = "INSERT" if "row_version" in table.c else "INSERT OR IGNORE"
        self.insert = (
            f"{verb} INTO {quote(table.name)} ({', '.join(quote(n) for n in self.names)}) "
            f"VALUES ({', '.join('?' for _ in self.names)})"
        )
        self.present = (
            f"SELECT id FROM {quote(table.name)} WHERE id IN (SELECT value FROM json_each(?))"
        )

    def decoded(self, raw: dict[str, Any]) -> dict[str, Any]:
        """A pulled row as the model's Python values."""
        return {
            name: None if (value := raw.get(name)) is None else decode(value)
            for name, decode in zip(self.names, self.decoders, strict=True)
        }

    def stored(self, raw: dict[str, Any]) -> tuple[Any, ...]:
        """A pulled row as the values SQLite stores, in the INSERT's column order."""
        try:
            values = list(self._pick(raw))
        except KeyError:  # a column the server does not send (yet): NULL, its default
            values = [raw.get(name) for name in self.names]
        for index, store in self._converting:
            value = values[index]
            if value is not None:
                values[index] = store(value)
        return tuple(values)


def _storer(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any]:
    """JSON value -> Python value (the protocol) -> stored value (the column's processor).

    For SQLite's common types a direct text transformation does the same much faster; it
    is used only when it gives the same stored values as the generic path on samples.
    """
    decode = decoder_for(column.type)
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    generic = decode if process is None else (lambda value: process(decode(value)))
    kind = type(getattr(column.type, "impl_instance", column.type)).__name__
    fast = _timestamp_storer(generic) if kind == "DateTime" else _FAST_STORERS.get(kind)
    if dialect.name != "sqlite" or fast is None:
        return generic
    samples = _SAMPLES[kind]
    if all(fast(sample) == generic(sample) for sample in samples):
        return fast
    return generic


def _stored_timestamp(value: str) -> Any:
    """``2027-03-01T10:00:00.5+00:00`` -> ``2027-03-01 10:00:00.500000`` (naive UTC)."""
    if value.endswith("+00:00"):
        value = value[:-6]
    head, _, fraction = value.partition(".")
    if len(head) != 19 or head[10] != "T" or not fraction.isdigit() and fraction:
        return None  # an offset other than UTC: see _timestamp_storer
    return f"{head[:10]} {head[11:]}.{(fraction + '000000')[:6]}"


def _timestamp_storer(generic: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def store(value: Any) -> Any:
        return _stored_timestamp(value) or generic(value)

    return store


_FAST_STORERS: dict[str, Callable[[Any], Any]] = {
    "Uuid": lambda value: value.replace("-", "") if len(value) == 36 else uuid.UUID(value).hex,
    "Date": lambda value: value,
    "Boolean": lambda value: 1 if value else 0,
}
_SAMPLES: dict[str, list[Any]] = {
    "Uuid": [str(uuid.UUID(int=0xABCDEF0123456789ABCDEF0123456789)), uuid.uuid4().hex],
    "Date": ["2027-03-01", "0001-01-01"],
    "Boolean": [True, False],
    "DateTime": [
        "2027-03-01T10:00:00+00:00",
        "2027-03-01T10:00:00.5",
        "2027-03-01T10:00:00",
        "2027-03-01T10:00:00.123456+00:00",
        "2027-03-01T12:00:00+02:00",
    ],
}


@cache
def _plans(dialect_name: str) -> dict[str, _Plan]:
    return {}


def _plan(table: Table, dialect: Dialect) -> _Plan:
    plans = _plans(dialect.name)
    if table.name not in plans:
        plans[table.name] = _Plan(table, dialect)
    return plans[table.name]


def _present(connection: Connection, plan: _Plan, ids: list[str]) -> set[str]:
    """The pulled ids (as they travel) of the rows this laptop has already."""
    stored = {plan.store_id(row_id): row_id for row_id in ids}
    found = connection.exec_driver_sql(plan.present, (json.dumps(list(stored)),)).scalars()
    return {stored[value] for value in found}


def _update_known(
    connection: Connection,
    table: Table,
    plan: _Plan,
    rows: list[dict[str, Any]],
    dirty: dict[tuple[str, str], set[str]],
) -> None:
    """Write the columns that differ, but not those with local changes waiting."""
    incoming = [plan.decoded(raw) for raw in rows]
    local = _local_rows(connection, table, plan.columns, [values["id"] for values in incoming])
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for values in incoming:
        row_id = values["id"]
        present = local[row_id]
        keep = dirty.get((table.name, row_id.hex), set())
        changed = {k: v for k, v in values.items()
                   if k != "id" and k not in keep and present[k] != v}  # fmt: skip
        if changed:
            if "updated_at" in values:  # else the model's onupdate would stamp "now"
                changed["updated_at"] = values["updated_at"]
            updates[tuple(sorted(changed))].append({**changed, "_row_id": row_id})
    for group in updates.values():
        connection.execute(table.update().where(table.c.id == bindparam("_row_id")), group)


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
