"""One write path: a renewal run's drafts, a single draft and an ORM row look the same.

The rows and the audit entries are compared as SQLite stores them, column by column,
leaving out only what must differ (keys, the moment of writing).
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from contextlib import closing
from datetime import date
from decimal import Decimal
from typing import Any

from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.persistence.ids import time_ordered_uuid
from ptf_desktop.persistence.models.billing import Invoice, InvoiceLine
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.billing.invoice_service import add_draft_invoice
from ptf_desktop.services.context import AppContext

# What differs between two rows with the same content: keys and timestamps.
_OWN = {"id", "invoice_id", "created_at", "updated_at"}
# How the ORM stores a timestamp on SQLite (the bulk writer goes through the same type).
_STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?")


def _rows(context: AppContext, statement: str, *args: object) -> list[dict[str, Any]]:
    with closing(sqlite3.connect(context.path)) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(statement, args)]


def _member(context: AppContext, name: str) -> uuid.UUID:
    raw = {"display_name": name, "org_type": "commercial", "country": "US", "employees": "1200"}
    organization = context.organizations.create(raw)
    context.memberships.admit(organization, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))
    return organization


def _invoice(context: AppContext, key: str) -> dict[str, Any]:
    (row,) = _rows(context, "SELECT * FROM invoices WHERE id = ?", key)
    return row


def _lines(context: AppContext, key: str) -> list[dict[str, Any]]:
    return _rows(context, "SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position", key)


def _content(row: dict[str, Any]) -> dict[str, Any]:
    assert _STORED_TIME.fullmatch(row["created_at"]), row["created_at"]
    return {name: value for name, value in row.items() if name not in _OWN}


def _history(context: AppContext, invoice_key: str) -> list[tuple[Any, ...]]:
    """The entries of an invoice and of its lines, keys of the invoice's rows blanked."""
    lines = [line["id"] for line in _lines(context, invoice_key)]
    keys = {invoice_key, *lines}
    entries = _rows(
        context,
        f"SELECT * FROM audit_log WHERE entity_id IN ({', '.join('?' * len(keys))})",
        *keys,
    )
    return sorted(
        (e["actor"], e["action"], e["entity_type"], e["field"], e["old_value"],
         _fields(e["new_value"]), e["owner_id"] if e["owner_id"] not in keys else "own")
        for e in entries
    )  # fmt: skip


def _fields(document: str) -> tuple[tuple[str, Any], ...]:
    """A creation entry's fields (its lines' too), but the key of the invoice."""

    def comparable(fields: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
        return tuple(
            (k, tuple(comparable(line) for line in v) if isinstance(v, list) else v)
            for k, v in fields.items()
            if k != "invoice_id"
        )

    return comparable(json.loads(document))


def _single_draft_like(context: AppContext, renewal: dict[str, Any]) -> str:
    """A draft made alone (the invoices screen's way) with the renewal draft's content."""
    lines = _lines(context, renewal["id"])
    spec = DraftInvoiceSpec(
        organization_id=uuid.UUID(hex=renewal["organization_id"]),
        currency="USD",
        renewal_year=renewal["renewal_year"],
        lines=tuple(
            DraftLineSpec(
                line["description"], Decimal(line["quantity"]),
                Money.from_minor_units(line["unit_price_minor"], "USD"),
                fee_entry_id=uuid.UUID(hex=line["fee_entry_id"]),
                term_id=uuid.UUID(hex=line["term_id"]),
            )
            for line in lines
        ),
    )  # fmt: skip
    with context.factories.write.begin() as session:
        return add_draft_invoice(session, spec).hex


def test_a_renewal_draft_and_a_single_draft_are_stored_and_recorded_alike(
    context: AppContext,
) -> None:
    _member(context, "General Co")
    assert context.renewal_preparation.prepare(2027).renewed == 1
    (renewal,) = _rows(context, "SELECT * FROM invoices")
    single = _single_draft_like(context, renewal)

    assert _content(_invoice(context, single)) == _content(renewal)
    single_lines = [_content(line) for line in _lines(context, single)]
    assert single_lines == [_content(line) for line in _lines(context, renewal["id"])]
    assert len(single_lines) == 2  # the membership and the LF membership
    history = _history(context, renewal["id"])
    assert _history(context, single) == history
    # One entry for the created draft, holding its fields and its lines'.
    assert [(entry[1], entry[2], entry[3]) for entry in history] == [("create", "invoice", "*")]
    invoice_fields = dict(history[0][5])
    assert (invoice_fields["bill_to_name"], invoice_fields["status"]) == ("General Co", "draft")
    lines = [dict(line) for line in invoice_fields["lines"]]
    assert [line["position"] for line in lines] == [0, 1]
    assert lines[0]["description"].startswith("General membership")


def test_a_draft_written_in_bulk_has_the_history_the_orm_records_for_the_same_rows(
    context: AppContext,
) -> None:
    _member(context, "General Co")
    context.renewal_preparation.prepare(2027)
    (renewal,) = _rows(context, "SELECT * FROM invoices")
    copied = time_ordered_uuid()
    with context.factories.write.begin() as session:
        invoice = session.get(Invoice, uuid.UUID(hex=renewal["id"]))
        assert invoice is not None
        lines = invoice_lines(session, invoice.id)
        # Added in the order a person would not: the entry lists the lines by position.
        for line in reversed(lines):
            values = _columns(line, InvoiceLine) | {"invoice_id": copied}
            session.add(InvoiceLine(id=time_ordered_uuid(), **values))
        session.add(Invoice(id=copied, **_columns(invoice, Invoice)))

    assert _content(_invoice(context, copied.hex)) == _content(renewal)
    assert _history(context, copied.hex) == _history(context, renewal["id"])


def _columns(row: Any, model: Any) -> dict[str, Any]:
    return {
        column.key: getattr(row, column.key)
        for column in model.__table__.columns
        if column.key not in {"id", "created_at", "updated_at", "row_version", "deleted"}
    }


def invoice_lines(session: Any, invoice_id: uuid.UUID) -> list[InvoiceLine]:
    from sqlalchemy import select

    query = select(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id)
    return list(session.scalars(query.order_by(InvoiceLine.position)))


def test_the_history_shows_a_created_draft_field_by_field_with_its_lines(
    context: AppContext,
) -> None:
    organization = _member(context, "Müller & Söhne")
    context.renewal_preparation.prepare(2027)
    shown = {
        record.field: record.new_value
        for record in context.audit.history(owner_id=organization)
        if record.entity_type == "invoice"
    }
    assert (shown["bill_to_name"], shown["status"], shown["renewal_year"]) == (
        "Müller & Söhne", "draft", "2027"
    )  # fmt: skip
    assert shown["lines 1"].startswith("description: General membership")
    assert "unit_price_minor: 3500000" in shown["lines 1"]
    assert "lines 2" in shown and "lines 3" not in shown


def test_an_entry_written_before_creations_held_their_fields_is_shown_as_it_is(
    context: AppContext,
) -> None:
    from ptf_desktop.persistence.audit import WHOLE_RECORD, Change, write_changes

    organization = _member(context, "Old Entry Co")
    with context.factories.write.begin() as session:
        note = "Imported from a.csv, line 2"
        old = Change("create", "term", time_ordered_uuid(), organization, WHOLE_RECORD, None, note)
        write_changes(session.connection(), "tester", [old])
    history = context.audit.history(owner_id=organization)
    assert ("*", "Imported from a.csv, line 2") in {(r.field, r.new_value) for r in history}
