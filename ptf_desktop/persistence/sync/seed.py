"""Seeding: the whole register into the outbox, for the laptop that seeds an empty server.

Rows go in parent tables first; numbered documents in the order of their numbers (the
server refuses a gap), the rest in the order they were made. A reference from a table
to itself (a certificate superseded by a later one) is sent afterwards as an update, so
no batch names a row the server has not got yet.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table

from .capture import synced_columns, synced_tables

_NUMBERED = frozenset({"invoices", "credit_notes", "quotes", "certificates"})


def fill_outbox_with_everything(connection: Connection) -> int:
    """Append every row of every synced table to the outbox; returns how many entries."""
    before = _count(connection)
    later: list[str] = []
    for table in synced_tables():
        self_references = [k.parent.name for k in table.foreign_keys if k.column.table is table]
        connection.exec_driver_sql(_inserts(table, set(self_references)))
        later.extend(_self_reference_update(table, name) for name in self_references)
    for statement in later:
        connection.exec_driver_sql(statement)
    return _count(connection) - before


def _count(connection: Connection) -> int:
    return int(connection.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one())


def _value(column_name: str, table: Table) -> str:
    from sqlalchemy import LargeBinary

    return f"hex({column_name})" if isinstance(table.c[column_name].type, LargeBinary) else (
        column_name
    )  # fmt: skip


def _inserts(table: Table, left_out: set[str]) -> str:
    columns = [c.name for c in synced_columns(table) if c.name not in left_out]
    pairs = ", ".join(f"'{name}', {_value(name, table)}" for name in columns)
    version = "row_version" if "row_version" in table.c else "0"
    if table.name in _NUMBERED:
        order = "number IS NULL, series, length(number), number, created_at"
    elif "created_at" in table.c:
        order = "created_at, id"
    else:
        order = "occurred_at, id" if "occurred_at" in table.c else "id"
    return (
        "INSERT INTO sync_outbox (change_id, table_name, row_id, op, base_version, fields, old) "
        f"SELECT lower(hex(randomblob(16))), '{table.name}', id, 'insert', {version}, "
        f"json_object({pairs}), '{{}}' FROM {table.name} ORDER BY {order}"
    )


def _self_reference_update(table: Table, column: str) -> str:
    return (
        "INSERT INTO sync_outbox (change_id, table_name, row_id, op, base_version, fields, old) "
        f"SELECT lower(hex(randomblob(16))), '{table.name}', id, 'update', row_version, "
        f"json_object('{column}', {column}), json_object('{column}', NULL) "
        f"FROM {table.name} WHERE {column} IS NOT NULL ORDER BY created_at"
    )
