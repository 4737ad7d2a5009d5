"""The organizations' substring search index: an SQLite FTS5 trigram table, SQLite only.

Search in the organizations list is a literal, case-insensitive substring search over
``organizations.search_text`` (already case-folded by the services). Scanning 100,000
rows for each keystroke is too slow, so on SQLite a trigram index answers it:

* ``organizations_search`` (FTS5, ``tokenize='trigram case_sensitive 1'``) holds one row
  per organization that is not deleted, keyed by the organization's rowid, with its
  search text followed by two unit separators (the sentinel). Triggers on
  ``organizations`` keep it in step in the same transaction as every insert, update
  and delete (``inserting_many`` does it faster for a batch of new organizations).
* A phrase query of three characters or more matches exactly the rows containing that
  substring. Thanks to the sentinel every occurrence of a shorter text starts some
  trigram, so a two-character search is a query for the trigrams starting with it
  (found in the index's vocabulary); a one-character search scans the index's own copy
  of the text (``organizations_search_content``), which is far narrower than the table.

Other databases (PostgreSQL, later) have no such table: ``available`` is False there
and the queries fall back to a plain scan. The index is derived data: ``rebuild``
recreates it from ``organizations``. Alembic's autogenerate must not see its tables;
``include_name`` tells it so. A later migration that rebuilds ``organizations`` (batch
mode copies the table, which drops its triggers and may renumber rowids), or a VACUUM
that renumbers rowids, must be followed by ``create``.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Select, column, literal_column, select, table, text

TABLE = "organizations_search"
CONTENT_TABLE = f"{TABLE}_content"
VOCABULARY = f"{TABLE}_vocabulary"
_SHADOW_TABLES = frozenset(
    f"{TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config")
)
# The text indexed: the search text and two unit separators (no one types them), so that
# every real character is followed by two more and starts a trigram.
_INDEXED = "new.search_text || char(31, 31)"
# Whether each engine's database has the index; a migration never runs on an engine
# that has already answered (schema.upgrade makes its own).
_AVAILABLE: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()
_TRIGGERS = {
    "organizations_search_insert": f"""
        CREATE TRIGGER organizations_search_insert AFTER INSERT ON organizations
        WHEN NOT new.deleted
        BEGIN
            INSERT INTO {TABLE}(rowid, text) VALUES (new.rowid, {_INDEXED});
        END""",
    "organizations_search_delete": f"""
        CREATE TRIGGER organizations_search_delete AFTER DELETE ON organizations
        BEGIN
            DELETE FROM {TABLE} WHERE rowid = old.rowid;
        END""",
    "organizations_search_update": f"""
        CREATE TRIGGER organizations_search_update
        AFTER UPDATE OF search_text, deleted ON organizations
        BEGIN
            DELETE FROM {TABLE} WHERE rowid = old.rowid;
            INSERT INTO {TABLE}(rowid, text) SELECT new.rowid, {_INDEXED} WHERE NOT new.deleted;
        END""",
}


def supported(connection: Connection) -> bool:
    """Whether this database can hold the index: SQLite 3.34 or later with FTS5."""
    if connection.dialect.name != "sqlite":
        return False
    version = connection.exec_driver_sql("SELECT sqlite_version()").scalar_one()
    fts5 = connection.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar()
    return tuple(int(part) for part in version.split(".")) >= (3, 34) and bool(fts5)


def create(connection: Connection) -> None:
    """Create (or re-create) the index, its triggers and its content; nothing elsewhere."""
    drop(connection)
    if not supported(connection):
        return
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5(text, tokenize = 'trigram case_sensitive 1')"
    )
    for statement in _TRIGGERS.values():
        connection.exec_driver_sql(statement)
    rebuild(connection)


def drop(connection: Connection) -> None:
    """Remove the index and its triggers, if there."""
    if connection.dialect.name != "sqlite":
        return
    for trigger in _TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def rebuild(connection: Connection) -> None:
    """Fill the index again from the organizations that are not deleted."""
    connection.exec_driver_sql(f"DELETE FROM {TABLE}")
    connection.exec_driver_sql(
        f"INSERT INTO {TABLE}(rowid, text) "
        "SELECT rowid, search_text || char(31, 31) FROM organizations WHERE NOT deleted"
    )


@contextmanager
def inserting_many(connection: Connection) -> Iterator[None]:
    """Index organizations inserted in bulk once, at the end, instead of row by row.

    Inside a trigger SQLite gives the index a savepoint per row, and FTS5 writes its
    pending data at every savepoint: a few hundred microseconds per organization. For a
    batch of new organizations (an import, demo data) the insert trigger is set aside
    and the rows added since are indexed with one statement. Use it inside the
    transaction that inserts them; updates and deletes are still indexed as they happen.
    """
    if not available(connection):
        yield
        return
    last = connection.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM organizations")
    first_new = int(last.scalar_one()) + 1
    connection.exec_driver_sql("DROP TRIGGER organizations_search_insert")
    yield
    connection.exec_driver_sql(_TRIGGERS["organizations_search_insert"])
    connection.execute(
        text(
            f"INSERT INTO {TABLE}(rowid, text) SELECT rowid, search_text || char(31, 31) "
            "FROM organizations WHERE rowid >= :first AND NOT deleted "
            f"AND rowid NOT IN (SELECT rowid FROM {TABLE} WHERE rowid >= :first)"
        ),
        {"first": first_new},
    )


def available(connection: Connection) -> bool:
    """Whether the index exists in this database (looked up once per engine)."""
    engine = connection.engine
    if engine not in _AVAILABLE:
        _AVAILABLE[engine] = connection.dialect.name == "sqlite" and bool(
            connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
            ).scalar()
        )
    return _AVAILABLE[engine]


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic autogenerate filter: the index's tables are not part of the models."""
    return not (type_ == "table" and is_index_table(name or ""))


def is_index_table(name: str) -> bool:
    """Whether a table belongs to the search index (the FTS5 table or its shadows)."""
    return name == TABLE or name in _SHADOW_TABLES


def matching_rowids(connection: Connection, needle: str) -> Select[Any] | None:
    """The rowids of the organizations whose search text contains ``needle``.

    Call only when ``available``. None means that nothing can match (a two-character
    text that starts no indexed trigram, or one holding the field separator).

    Args:
        connection: the connection the query will run on (for the vocabulary lookup).
        needle: case-folded search text, not empty.
    """
    if "\x1f" in needle:  # the field separator: a search never spans two fields
        return None
    if len(needle) == 1:
        # Too short for trigrams: scan the index's narrow copy of the text.
        content = table(CONTENT_TABLE, column("id"), column("c0"))
        pattern = "*" + "".join(f"[{ch}]" if ch in "*?[" else ch for ch in needle) + "*"
        return select(content.c.id).where(content.c.c0.op("GLOB")(pattern))
    if len(needle) == 2:
        terms = terms_starting_with(connection, needle)
        if not terms:
            return None
        query = " OR ".join(phrase(term) for term in terms)
    else:
        query = phrase(needle)
    index = table(TABLE, column("rowid"))
    return select(index.c.rowid).where(literal_column(TABLE).op("MATCH")(query))


def phrase(needle: str) -> str:
    """An FTS5 query for the needle as one literal string (quotes doubled)."""
    return '"' + needle.replace('"', '""') + '"'


def terms_starting_with(connection: Connection, prefix: str) -> list[str]:
    """The indexed trigrams that start with ``prefix`` (one or two characters)."""
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{VOCABULARY} USING fts5vocab(main, {TABLE}, row)"
    )
    # Terms sort by their UTF-8 bytes, which is code point order: the terms starting
    # with "go" lie between "go" and "gp".
    following = ord(prefix[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # surrogates are not characters
        following = 0xE000
    upper = prefix[:-1] + chr(following) if following <= 0x10FFFF else prefix + "\U0010ffff" * 3
    rows = connection.execute(
        text(f"SELECT term FROM temp.{VOCABULARY} WHERE term >= :low AND term < :high"),
        {"low": prefix, "high": upper},
    )
    return [term for (term,) in rows if term.startswith(prefix)]
