"""The bulk writer stores domain values as the ORM does, by name, on either driver path."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from ptf_desktop.persistence.base import Base
from ptf_desktop.persistence.bulk_writer import insert_rows, update_rows
from ptf_desktop.persistence.ids import time_ordered_uuid
from ptf_desktop.persistence.models import MembershipTerm, Organization

_WHEN = datetime(2026, 12, 7, 13, 5, 0, tzinfo=UTC)


def _stored(path: Path, statement: str) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(statement).fetchall()


def _write(path: Path, paramstyle: str | None) -> tuple[Any, ...]:
    """An organization by the ORM, two terms and an update by the bulk writer."""
    options = {"paramstyle": paramstyle} if paramstyle else {}
    engine = create_engine(f"sqlite:///{path}", **options)
    Base.metadata.create_all(engine)
    organization = time_ordered_uuid()
    terms = (time_ordered_uuid(), time_ordered_uuid())
    with Session(engine) as session, session.begin():
        session.add(
            Organization(
                id=organization, display_name="Ünïcode & Co", legal_name="Ünïcode & Co",
                normalized_name="unicode co", org_type="commercial", employees=10,
                country="DE", created_at=_WHEN, updated_at=_WHEN,
            )
        )  # fmt: skip
        session.flush()
        connection = session.connection()
        # Not the table's column order: every value must still land in its own column.
        names = ("end_date", "tier", "organization_id", "id", "start_date")
        insert_rows(
            connection, MembershipTerm, names,
            [(date(2027, 12, 31), "general", organization, terms[0], date(2027, 1, 1)),
             (date(2028, 12, 31), "premier", organization, terms[1], date(2028, 1, 1))],
            {"created_at": _WHEN, "updated_at": _WHEN},
        )  # fmt: skip
        update_rows(
            connection, Organization, ("tier", "term_end"),
            [("premier", date(2028, 12, 31), organization)], {"updated_at": _WHEN},
        )  # fmt: skip
    engine.dispose()
    return organization, terms


def test_rows_are_stored_by_name_through_the_column_types(tmp_path: Path) -> None:
    path = tmp_path / "qmark.sqlite"
    organization, terms = _write(path, None)
    stored = _stored(
        path, "SELECT id, organization_id, tier, start_date, end_date, created_at, deleted, "
        "row_version FROM membership_terms ORDER BY start_date",
    )  # fmt: skip
    assert stored == [
        (terms[0].hex, organization.hex, "general", "2027-01-01", "2027-12-31",
         "2026-12-07 13:05:00.000000", 0, 0),
        (terms[1].hex, organization.hex, "premier", "2028-01-01", "2028-12-31",
         "2026-12-07 13:05:00.000000", 0, 0),
    ]  # fmt: skip
    # The ORM's row and the bulk writer's keep their timestamps in one format.
    assert _stored(path, "SELECT created_at, updated_at, tier, term_end, row_version "
                   "FROM organizations") == [
        ("2026-12-07 13:05:00.000000", "2026-12-07 13:05:00.000000", "premier", "2028-12-31", 0)
    ]  # fmt: skip


def test_a_driver_with_named_parameters_stores_the_same_rows(tmp_path: Path) -> None:
    # PostgreSQL's drivers take named parameters: the Core executemany path, same rows.
    statement = ("SELECT tier, start_date, end_date, created_at, deleted FROM membership_terms "
                 "ORDER BY start_date")  # fmt: skip
    _write(tmp_path / "qmark.sqlite", None)
    _write(tmp_path / "named.sqlite", "named")
    assert _stored(tmp_path / "named.sqlite", statement) == _stored(
        tmp_path / "qmark.sqlite", statement
    )
    organizations = "SELECT tier, term_end, updated_at FROM organizations"
    assert _stored(tmp_path / "named.sqlite", organizations) == _stored(
        tmp_path / "qmark.sqlite", organizations
    )


def test_nothing_to_write_runs_no_statement(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        insert_rows(connection, MembershipTerm, ("id",), [])
        update_rows(connection, Organization, ("tier",), [])
        assert connection.exec_driver_sql("SELECT count(*) FROM membership_terms").scalar() == 0
    engine.dispose()
