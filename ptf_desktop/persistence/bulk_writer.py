"""The bulk writer: many rows of one table inserted or updated with one ``executemany``.

Preparing a year's renewals or importing ten thousand organizations writes hundreds of
thousands of rows in one transaction; the ORM, and even Core's per-row parameter
handling, would cost more than the database's own work at that size. The statements
are compiled from SQLAlchemy's ``insert()``/``update()`` of the models' tables, and every
value goes through its column's type (keys, dates, timestamps, defaults), so callers
pass domain values (``uuid.UUID``, ``date``, aware ``datetime``) and the rows come out
exactly as the ORM stores them, on SQLite and on PostgreSQL alike.

On drivers with positional parameters (SQLite) the values are converted column by
column, each distinct value once, and handed to the driver's ``executemany`` as tuples;
other drivers take the ordinary Core ``executemany`` path. Neither touches
``row_version``: the rule that keeps it is the engine's, not the writers'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, Uuid, bindparam, insert, update

from .base import utc_now

# The prefix of an update's bind parameters (no column's name starts with it).
_KEY = "_bulk_"


def scalar_defaults(model: type[Any]) -> dict[str, Any]:
    """Every column's scalar default (None where it has none), by column name.

    Args:
        model: the mapped class.

    Returns:
        A fresh dictionary the caller may change.
    """
    values: dict[str, Any] = {}
    for column in table_of(model).columns:
        default = column.default
        is_scalar = default is not None and getattr(default, "is_scalar", False)
        values[column.name] = getattr(default, "arg", None) if is_scalar else None
    return values


def insert_rows(
    connection: Connection,
    model: type[Any],
    names: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    shared: Mapping[str, Any] | None = None,
) -> None:
    """Insert rows given as tuples, with one ``executemany``.

    Args:
        connection: the connection of the caller's write transaction.
        model: the mapped class whose table gets the rows.
        names: the column names, in the order of each tuple's values.
        rows: one tuple of domain values per row.
        shared: values that are the same in every row (timestamps, defaults), by column.
    """
    if not rows:
        return
    table = table_of(model)
    fixed = _with_defaults(table, names, shared or {})
    statement = insert(table)
    if connection.dialect.paramstyle not in ("qmark", "numeric"):
        dicts = [fixed | dict(zip(names, row, strict=True)) for row in rows]
        connection.execute(statement, dicts)
        return
    compiled = statement.compile(dialect=connection.dialect, column_keys=[*names, *fixed])
    order = list(compiled.positiontup or ())
    _execute(connection, table, str(compiled), order, names, rows, fixed)


def table_of(model: type[Any]) -> Table:
    """The table of a mapped class."""
    return cast(Table, model.__table__)


def _with_defaults(table: Table, names: Sequence[str], shared: Mapping[str, Any]) -> dict[str, Any]:
    """The shared values plus each missing column's scalar default, and the timestamps."""
    fixed = dict(shared)
    now = utc_now()
    for column in table.columns:
        name, default = column.name, column.default
        if default is None or name in fixed or name in names:
            continue
        if getattr(default, "is_scalar", False):
            fixed[name] = getattr(default, "arg", None)
        elif name in ("created_at", "updated_at", "occurred_at"):
            fixed[name] = now
    return fixed


def update_rows(
    connection: Connection,
    model: type[Any],
    names: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    shared: Mapping[str, Any] | None = None,
) -> None:
    """Update rows by their ``id``, with one ``executemany``.

    ``updated_at`` is set to now unless given.

    Args:
        connection: the connection of the caller's write transaction.
        model: the mapped class whose table's rows change.
        names: the changed column names, in the order of each tuple's values; each
            tuple ends with the row's ``id`` after them.
        rows: one tuple of domain values per row: the new values, then the key.
        shared: new values that are the same in every row, by column.
    """
    if not rows:
        return
    table = table_of(model)
    fixed = dict(shared or {})
    if "updated_at" in table.c and "updated_at" not in (*names, *fixed):
        fixed["updated_at"] = utc_now()
    # Bind names differ from the column names: SQLAlchemy keeps those for itself.
    changed = (*names, *fixed)
    statement = (
        update(table)
        .where(table.c.id == bindparam(_KEY + "id", type_=table.c.id.type))
        .values({name: bindparam(_KEY + name, type_=table.c[name].type) for name in changed})
    )
    if connection.dialect.paramstyle not in ("qmark", "numeric"):
        keyed = [_KEY + name for name in (*names, "id")]
        bound = {_KEY + name: value for name, value in fixed.items()}
        connection.execute(statement, [bound | dict(zip(keyed, row, strict=True)) for row in rows])
        return
    compiled = statement.compile(dialect=connection.dialect)
    order = [name.removeprefix(_KEY) for name in compiled.positiontup or ()]
    _execute(connection, table, str(compiled), order, (*names, "id"), rows, fixed)


def _execute(
    connection: Connection,
    table: Table,
    sql: str,
    order: Sequence[str],
    names: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    fixed: Mapping[str, Any],
) -> None:
    """Convert the values column by column and run the statement for every row.

    Args:
        connection: the caller's connection.
        table: the table, whose column types convert the values.
        sql: the statement compiled for the connection's dialect (positional parameters).
        order: the column of each parameter, in the statement's order.
        names: the column of each value of a row tuple.
        rows: the row tuples.
        fixed: the values shared by every row.
    """
    given = dict(zip(names, zip(*rows, strict=True), strict=True))
    count = len(rows)
    dialect = connection.dialect
    columns: list[Sequence[Any]] = []
    for name in order:
        # The dialect's own form of the type, as the ORM uses: a TypeDecorator's
        # generic impl would leave the value to the driver's adapters.
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if name in fixed:
            value = fixed[name]
            columns.append([process(value) if process else value] * count)
            continue
        values: Sequence[Any] = given[name]
        if process is None:
            pass
        elif isinstance(table.c[name].type, Uuid):
            # Keys are mostly distinct, and a UUID's hash (Python code) costs as much as
            # its conversion: convert each one.
            values = list(map(process, values))
        else:
            # Dates and texts repeat (every renewal starts on the same day) and hash in
            # C: convert each distinct value once.
            converted = {value: process(value) for value in set(values)}
            values = list(map(converted.__getitem__, values))
        columns.append(values)
    connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))
