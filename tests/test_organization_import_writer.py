"""How the CSV import writes: time-ordered keys, and the connection left as it was."""

from __future__ import annotations

import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ptf_desktop.persistence.base import Base
from ptf_desktop.persistence.ids import time_ordered_uuid
from ptf_desktop.services.context import AppContext

from helpers.organization_csv import row, write_csv

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


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
    with context.factories.engine.connect() as connection:
        for table in (*tables, "membership_applications", "audit_log"):
            column = Base.metadata.tables[table].c.id
            keys = list(connection.execute(select(column)).scalars())
            assert keys and {key.version for key in keys} == {7}, table
            assert min(int(key.hex[:12], 16) for key in keys) >= before, table


@pytest.mark.sqlite_only
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
