"""A whole register pulled at once (a new laptop's join): secondary indexes built after.

Maintaining a dozen indexes row by row while hundreds of thousands of rows arrive in
random key order costs several times the inserts themselves; building each index once
at the end, from the loaded table, costs a fraction. So before the first page of a join
the non-unique indexes of the synced tables are dropped, and their statements are kept
in ``sync_local_state`` in the same transaction; after the last page they are created
again. A pull interrupted in between (a crash, a lost connection) leaves the statements
there, and the next pull that reaches its end builds them. Unique indexes stay: they
are constraints, not speed. The organizations' search index is treated the same way:
its insert trigger is set aside and the index is made again from the table at the end.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, text

from .. import search_index
from . import local_state
from .capture import synced_tables

PENDING_KEY = "indexes_to_build"
SEARCH_KEY = "search_index_to_build"


def set_indexes_aside(connection: Connection) -> int:
    """Drop the synced tables' non-unique indexes, remembering them; returns how many."""
    if connection.dialect.name != "sqlite" or local_state.get(connection, PENDING_KEY):
        return 0
    names = [table.name for table in synced_tables()]
    found = connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
             "AND tbl_name IN (SELECT value FROM json_each(:tables))"),
        {"tables": json.dumps(names)},
    ).all()  # fmt: skip
    aside = [(name, sql) for name, sql in found if not _is_unique(sql)]
    local_state.put(connection, PENDING_KEY, json.dumps([sql for _, sql in aside]))
    for name, _ in aside:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    if search_index.available(connection):
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS organizations_search_insert")
        local_state.put(connection, SEARCH_KEY, "1")
    return len(aside)


def pending(connection: Connection) -> bool:
    """Whether indexes are set aside (a whole-register pull is under way)."""
    return local_state.get(connection, PENDING_KEY) is not None


def build_indexes(connection: Connection) -> int:
    """Create the indexes set aside, if any; returns how many."""
    stored = local_state.get(connection, PENDING_KEY)
    if not stored:
        return 0
    statements = json.loads(stored)
    for statement in statements:
        connection.exec_driver_sql(
            statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)
        )
    local_state.delete(connection, PENDING_KEY)
    if local_state.get(connection, SEARCH_KEY):
        search_index.create(connection)  # its triggers and its content, from the table
        local_state.delete(connection, SEARCH_KEY)
    return len(statements)


def _is_unique(statement: str) -> bool:
    return statement.lstrip().upper().startswith("CREATE UNIQUE")
