"""Change capture on the laptop: SQLite triggers generated from the models into the outbox.

Every synced table (every table of the models but the sync tables themselves) gets
triggers that append each insert, update and delete to ``sync_outbox``: the changed
columns' new and old values and the row's ``row_version`` (the server version the row
is based on). They are generated from the models' metadata after every migration, so a
new table or column is captured with no hand work. Columns that stay on the laptop
(LOCAL_ONLY_COLUMNS) and ``row_version`` (the engine's) are never captured.

The triggers fire only while the ``capture`` row of ``sync_local_state`` says ``on``:
off before the laptop joins a server, and switched off inside the transaction that
applies pulled changes (a crash then rolls the switch back with the changes).
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, LargeBinary, Table

from ..base import Base

# Values that belong to one laptop: its signing certificate's path and how many
# automatic backups it keeps.
LOCAL_ONLY_COLUMNS: dict[str, frozenset[str]] = {
    "foundation_settings": frozenset({"signing_pkcs12_path", "backups_to_keep"}),
}
CAPTURE_KEY = "capture"
_PREFIX = "sync_capture_"
_WHEN = f"(SELECT value FROM sync_local_state WHERE key = '{CAPTURE_KEY}') = 'on'"


def synced_tables() -> list[Table]:
    """The tables that travel, parents before children."""
    from .. import models  # noqa: F401  (every table registered)

    return [t for t in Base.metadata.sorted_tables if not t.info.get("sync_local")]


def synced_columns(table: Table) -> list[Column[object]]:
    """The columns of a table that travel: all but the local-only ones and ``row_version``."""
    local = LOCAL_ONLY_COLUMNS.get(table.name, frozenset())
    return [c for c in table.c if c.name not in local and c.name != "row_version"]


def install(connection: Connection) -> None:
    """Drop and re-create the capture triggers of every synced table (SQLite only)."""
    if connection.dialect.name != "sqlite":
        return
    uninstall(connection)
    for table in synced_tables():
        for statement in trigger_statements(table):
            connection.exec_driver_sql(statement)


def uninstall(connection: Connection) -> None:
    """Drop every capture trigger (before the sync tables go, in a downgrade)."""
    if connection.dialect.name != "sqlite":
        return
    existing = connection.exec_driver_sql(
        f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{_PREFIX}%'"
    ).scalars()
    for name in list(existing):
        connection.exec_driver_sql(f"DROP TRIGGER {name}")


def trigger_statements(table: Table) -> list[str]:
    """The CREATE TRIGGER statements capturing one table's changes."""
    columns = synced_columns(table)
    versioned = "row_version" in table.c
    base = "OLD.row_version" if versioned else "0"
    new_base = "NEW.row_version" if versioned else "0"
    everything = ", ".join(f"'{c.name}', {_value('NEW', c)}" for c in columns)
    statements = [
        f"""CREATE TRIGGER {_PREFIX}insert_{table.name} AFTER INSERT ON {table.name}
        WHEN {_WHEN}
        BEGIN
            INSERT INTO sync_outbox (change_id, table_name, row_id, op, base_version, fields, old)
            VALUES (lower(hex(randomblob(16))), '{table.name}', NEW.id, 'insert', {new_base},
                    json_object({everything}), '{{}}');
        END"""
    ]
    if not versioned:  # append-only rows (the audit trail): inserts are all there is
        return statements
    changed = " UNION ALL ".join(
        f"SELECT '{c.name}' AS k, {_value('NEW', c)} AS n, {_value('OLD', c)} AS o "
        f"WHERE NEW.{c.name} IS NOT OLD.{c.name}"
        for c in columns
    )
    statements.append(
        f"""CREATE TRIGGER {_PREFIX}update_{table.name} AFTER UPDATE ON {table.name}
        WHEN {_WHEN}
        BEGIN
            INSERT INTO sync_outbox (change_id, table_name, row_id, op, base_version, fields, old)
            SELECT lower(hex(randomblob(16))), '{table.name}', NEW.id, 'update', {base},
                   json_group_object(k, n), json_group_object(k, o)
            FROM ({changed})
            HAVING count(*) > 0;
        END"""
    )
    if "deleted" in table.c:
        # Rows are deleted softly; a row removed outright still reaches the others as a
        # deletion, so that no laptop keeps it.
        statements.append(
            f"""CREATE TRIGGER {_PREFIX}delete_{table.name} AFTER DELETE ON {table.name}
            WHEN {_WHEN} AND NOT OLD.deleted
            BEGIN
                INSERT INTO sync_outbox
                    (change_id, table_name, row_id, op, base_version, fields, old)
                VALUES (lower(hex(randomblob(16))), '{table.name}', OLD.id, 'update',
                        {base}, json_object('deleted', 1), json_object('deleted', 0));
            END"""
        )
    return statements


def _value(row: str, column: Column[object]) -> str:
    """The SQL of a column's value as JSON can hold it (bytes as hex)."""
    if isinstance(column.type, LargeBinary):
        return f"hex({row}.{column.name})"
    return f"{row}.{column.name}"
