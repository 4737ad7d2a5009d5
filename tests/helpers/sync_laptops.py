"""Laptops for the sync tests: a database each, joined to a real server, compared row by row."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from ptf_desktop.persistence.postgres import make_postgres_engine
from ptf_desktop.persistence.sync.capture import synced_columns, synced_tables
from ptf_desktop.persistence.sync.protocol import encode_value
from ptf_desktop.services.billing.credit_note_service import CreditNoteService
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.context import AppContext, open_context

from helpers.sync_server import RunningServer


class FixedRenderer:
    """PDF bytes that depend on the document only (fast, and byte-identical everywhere)."""

    def render(self, document: Any) -> bytes:
        return b"%PDF-1.7\n" + repr(document).encode()

    def warm_up(self) -> None:
        pass


class Laptop:
    """One laptop's database and services."""

    def __init__(self, folder: Path, name: str) -> None:
        self.name = name
        self.context: AppContext = open_context(folder / f"{name}.sqlite")
        self.invoices = InvoiceService(self.context.factories, FixedRenderer(),
                                       today=lambda: date(2027, 1, 10))  # fmt: skip
        self.credit_notes = CreditNoteService(self.context.factories, FixedRenderer(),
                                              today=lambda: date(2027, 1, 10))  # fmt: skip

    def join(self, server: RunningServer) -> Any:
        code = server.add_device(self.name)
        return self.context.sync.join(server.url, code, self.name)

    def sync(self) -> Any:
        return self.context.sync.sync_now()

    def snapshot(self) -> dict[str, dict[str, dict[str, Any]]]:
        return snapshot(self.context.factories.engine)

    def close(self) -> None:
        self.context.close()


def snapshot(engine: Engine) -> dict[str, dict[str, dict[str, Any]]]:
    """Every synced row of a database (SQLite or PostgreSQL), as the protocol sends it."""
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    with engine.connect() as connection:
        for table in synced_tables():
            columns = synced_columns(table)
            rows = connection.execute(select(*columns)).all()
            tables[table.name] = {
                str(row.id): {c.name: encode_value(row._mapping[c.name]) for c in columns}
                for row in rows
            }
    return tables


def server_snapshot(server: RunningServer) -> dict[str, dict[str, dict[str, Any]]]:
    """The server's synced rows."""
    engine = make_postgres_engine(server.database_url)
    try:
        return snapshot(engine)
    finally:
        engine.dispose()


def first_difference(*snapshots: dict[str, dict[str, dict[str, Any]]]) -> str | None:
    """The first row that differs between snapshots, in words (None: all equal)."""
    first = snapshots[0]
    for index, other in enumerate(snapshots[1:], start=1):
        for table in sorted(set(first) | set(other)):
            mine, theirs = first.get(table, {}), other.get(table, {})
            for row_id in sorted(set(mine) | set(theirs)):
                a, b = mine.get(row_id), theirs.get(row_id)
                if a != b:
                    a, b = a or {}, b or {}
                    fields = sorted(k for k in {*a, *b} if a.get(k) != b.get(k))
                    return (f"snapshot 0 and {index}: {table} {row_id}: "
                            f"{[(k, a.get(k), b.get(k)) for k in fields]}")  # fmt: skip
    return None
