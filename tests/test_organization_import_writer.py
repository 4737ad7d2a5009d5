"""How the CSV import writes: time-ordered keys, and the connection left as it was."""

from __future__ import annotations

import sqlite3
import time
import uuid
from contextlib import closing
from datetime import date
from pathlib import Path

from ptf_desktop.persistence.ids import time_ordered_uuid
from ptf_desktop.services.context import AppContext

from helpers.organization_csv import row, write_csv


def test_time_ordered_keys_are_version_7_uuids_that_sort_by_time() -> None:
    first = time_ordered_uuid()
    time.sleep(0.002)
    later = [time_ordered_uuid() for _ in range(2_000)]
    assert {key.version for key in [first, *later]} == {7}
    assert {key.variant for key in later} == {uuid.RFC_4122}
    assert len(set(later)) == len(later)
    assert all(first.hex < key.hex for key in later)  # stored as hex: the index order
    assert abs(int(first.hex[:12], 16) - time.time_ns() // 1_000_000) < 60_000


def test_imported_rows_get_time_ordered_keys(context: AppContext, tmp_path: Path) -> None:
    member = {"tier": "premier", "member_since": "2020-01-01"}
    rows = [row(name=f"Org {n}", **(member if n % 2 else {})) for n in range(50)]
    before = time.time_ns() // 1_000_000
    report = context.organization_import.import_csv(
        write_csv(tmp_path / "k.csv", rows), today=date(2026, 6, 15)
    )
    assert report.imported
    tables = ("organizations", "contacts", "membership_terms", "tier_changes")
    with closing(sqlite3.connect(context.path)) as connection:
        for table in (*tables, "membership_applications", "audit_log"):
            keys = [uuid.UUID(key) for (key,) in connection.execute(f"SELECT id FROM {table}")]
            assert keys and {key.version for key in keys} == {7}, table
            assert min(int(key.hex[:12], 16) for key in keys) >= before, table


def test_the_import_gives_back_the_connections_page_cache(
    context: AppContext, tmp_path: Path
) -> None:
    def cache_size() -> int:
        with context.factories.write.begin() as session:
            return int(session.connection().exec_driver_sql("PRAGMA cache_size").scalar_one())

    before = cache_size()
    path = write_csv(tmp_path / "c.csv", [row(name="Cache Co")])
    assert context.organization_import.import_csv(path, today=date(2026, 6, 15)).imported
    assert cache_size() == before


def test_rows_given_as_tuples_or_dictionaries_land_in_their_columns(context: AppContext) -> None:
    from ptf_desktop.persistence.base import utc_now
    from ptf_desktop.persistence.models import AuditEntry
    from ptf_desktop.services.register.organization_import_writer import (
        insert_many,
        insert_tuples,
    )

    now = utc_now()
    keys = [time_ordered_uuid() for _ in range(3)]
    # Not the table's column order: the values must still go where their names say.
    names = ("new_value", "field", "owner_id", "entity_id", "entity_type", "action", "actor",
             "occurred_at", "id")  # fmt: skip
    with context.factories.write.begin() as session:
        connection = session.connection()
        insert_tuples(
            connection, AuditEntry, names,
            [(f"value {n}", "*", None, keys[n], "organization", "create", "tester", now, keys[n])
             for n in range(2)],
        )  # fmt: skip
        insert_many(
            connection, AuditEntry,
            [{"field": "name", "id": keys[2], "actor": "tester", "action": "update",
              "entity_type": "organization", "entity_id": keys[0], "owner_id": keys[0],
              "occurred_at": now, "old_value": "a", "new_value": "b"}],
        )  # fmt: skip
    with closing(sqlite3.connect(context.path)) as connection:
        stored = connection.execute(
            "SELECT id, entity_id, owner_id, field, old_value, new_value, actor, action "
            "FROM audit_log WHERE actor = 'tester' ORDER BY new_value"
        ).fetchall()
    assert stored == [
        (keys[2].hex, keys[0].hex, keys[0].hex, "name", "a", "b", "tester", "update"),
        (keys[0].hex, keys[0].hex, None, "*", None, "value 0", "tester", "create"),
        (keys[1].hex, keys[1].hex, None, "*", None, "value 1", "tester", "create"),
    ]
