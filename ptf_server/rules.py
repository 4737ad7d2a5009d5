"""The business rules the server enforces itself, whatever a client sends.

Issued invoices and credit notes are immutable (an invoice's payment and credit totals
and its status still move), payments are append-only, a device numbers documents only
in its own series and without a gap or a duplicate, and statuses follow the domain's
state machines.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import Connection, Table, func, select

from ptf_desktop.domain.billing.numbering import parse_number
from ptf_desktop.domain.billing.statuses import QUOTE_TRANSITIONS, QuoteStatus
from ptf_desktop.persistence.base import Base

from .devices import Device

_NUMBERED = frozenset({"invoices", "credit_notes", "quotes", "certificates"})
_LINE_TABLES = frozenset({"invoice_lines", "credit_note_lines"})
# Changes of these tables are checked against other rows in the database.
READS_DATABASE = _NUMBERED | _LINE_TABLES
_DEVICE_PART = re.compile(r"-(L\d{2,})-")
# Fields of an issued invoice that still change: its status and what was paid or credited.
_ISSUED_INVOICE_MOVES = frozenset({"status", "paid_minor", "credited_minor", "updated_at"})
_INVOICE_STATUS_MOVES = {
    "draft": {"issued"},
    "issued": {"partially paid", "paid", "credited"},
    "partially paid": {"paid", "credited", "issued"},
    "paid": {"credited", "partially paid"},
    "credited": set(),
}
_CERTIFICATE_MOVES = {"valid": {"superseded", "revoked"}, "superseded": {"revoked"},
                      "revoked": set()}  # fmt: skip
_LINE_PARENTS = {"invoice_lines": ("invoice_id", "invoices"),
                 "credit_note_lines": ("credit_note_id", "credit_notes")}  # fmt: skip


class RuleBroken(Exception):
    """A change the business rules do not allow; the message says which rule."""


def check_change(
    connection: Connection,
    device: Device,
    table: Table,
    server: dict[str, Any] | None,
    fields: dict[str, Any],
    *,
    seeding: bool = False,
) -> None:
    """Refuse a change that breaks a rule.

    ``seeding``: the first push of the laptop that seeded the server; its documents'
    lines arrive after the documents, which are issued already.

    Raises:
        RuleBroken: with the rule in words.
    """
    changed = {k for k, v in fields.items() if server is None or server.get(k) != v}
    name = table.name
    if server is not None and name in ("payments", "credit_notes") and changed - {"updated_at"}:
        raise RuleBroken(f"{_what(name)} cannot be changed once recorded")
    if name == "invoices" and server is not None:
        _check_invoice(server, fields, changed - _moved_to_survivor(connection, server, fields))
    if name in _LINE_PARENTS and not (seeding and server is None):
        _check_line_parent(connection, name, server, fields)
    if name == "quotes" and server is not None and "status" in changed:
        if QuoteStatus(fields["status"]) not in QUOTE_TRANSITIONS[QuoteStatus(server["status"])]:
            raise RuleBroken(f"a {server['status']} quote cannot become {fields['status']}")
    if name == "certificates" and server is not None and "status" in changed:
        if fields["status"] not in _CERTIFICATE_MOVES.get(server["status"], set()):
            raise RuleBroken(f"a {server['status']} certificate cannot become {fields['status']}")
    if name in _NUMBERED and fields.get("number") and "number" in changed:
        _check_number(connection, device, table, server, str(fields["number"]))
    if name == "document_series" and "series_key" in fields:
        _check_own_series(device, str(fields["series_key"]))


def _what(table: str) -> str:
    return {"payments": "a payment", "credit_notes": "a credit note"}.get(table, table)


def _moved_to_survivor(
    connection: Connection, server: dict[str, Any], fields: dict[str, Any]
) -> set[str]:
    """{"organization_id"} when an invoice moves to the organization its own was merged into.

    The merge tool (services/register/merging.py) moves issued invoices so; nothing printed
    on them changes.
    """
    new = fields.get("organization_id")
    if new is None or new == server.get("organization_id"):
        return set()
    organizations = Base.metadata.tables["organizations"]
    old = uuid.UUID(str(server["organization_id"]))
    survivor = connection.execute(
        select(organizations.c.merged_into).where(organizations.c.id == old)
    ).scalar()
    return {"organization_id"} if survivor is not None and str(survivor) == str(new) else set()


def _check_invoice(server: dict[str, Any], fields: dict[str, Any], changed: set[str]) -> None:
    if server["status"] != "draft" and changed - _ISSUED_INVOICE_MOVES:
        raise RuleBroken(f"invoice {server['number']} is issued and cannot be changed "
                         f"({', '.join(sorted(changed - _ISSUED_INVOICE_MOVES))})")  # fmt: skip
    if "status" in changed and fields["status"] not in _INVOICE_STATUS_MOVES[server["status"]]:
        raise RuleBroken(f"an invoice {server['status']} cannot become {fields['status']}")


def _check_line_parent(
    connection: Connection, name: str, server: dict[str, Any] | None, fields: dict[str, Any]
) -> None:
    column, parent_name = _LINE_PARENTS[name]
    parent_id = fields.get(column) or (server or {}).get(column)
    if parent_id is None:
        return
    parent = Base.metadata.tables[parent_name]
    row = connection.execute(select(parent).where(parent.c.id == parent_id)).first()
    if row is None:  # the parent comes later in the batch; its own checks apply then
        return
    if parent_name == "credit_notes" and server is not None:
        raise RuleBroken("a credit note's lines cannot be changed once recorded")
    if parent_name == "invoices" and row.status != "draft":
        raise RuleBroken(f"invoice {row.number} is issued; its lines cannot be changed")


def _check_own_series(device: Device, series: str) -> None:
    found = _DEVICE_PART.search(f"-{series}-")
    if found is None and not device.seeded:
        raise RuleBroken(f"series {series} is not this device's ({device.device_code}) series")
    if found is not None and found.group(1) != device.device_code:
        raise RuleBroken(f"series {series} belongs to device {found.group(1)}, "
                         f"not to this device ({device.device_code})")  # fmt: skip


def _check_number(
    connection: Connection, device: Device, table: Table, server: dict[str, Any] | None,
    number: str,
) -> None:  # fmt: skip
    if server is not None and server.get("number"):
        raise RuleBroken(f"{server['number']} is numbered already; its number cannot change")
    parsed = parse_number(number)
    if parsed is None:
        raise RuleBroken(f"{number} is not a document number")
    series, sequence = parsed
    _check_own_series(device, series)
    pattern = f"{series}-%"
    taken = connection.execute(
        select(func.count()).select_from(table)
        .where(table.c.number.like(pattern), func.length(table.c.number) >= len(pattern))
    ).scalar_one()  # fmt: skip
    highest = connection.execute(
        select(table.c.number).where(table.c.number.like(pattern))
        .order_by(func.length(table.c.number).desc(), table.c.number.desc()).limit(1)
    ).scalar()  # fmt: skip
    parsed_highest = parse_number(highest) if highest else None
    last = parsed_highest[1] if parsed_highest else 0
    if (
        sequence <= last
        or connection.execute(select(table.c.id).where(table.c.number == number)).first()
    ):
        raise RuleBroken(f"{number} is a duplicate in series {series}")
    if sequence != last + 1 or taken != last:
        raise RuleBroken(f"{number} leaves a gap in series {series} (last is {last})")
