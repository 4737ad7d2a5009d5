"""Conflicts and refused changes in words: which record, which field, who changed what.

The server lists a conflict by table, row and column with JSON values; a person needs
the record's name, the field's label and the values as text. Who changed the server's
value, and when, comes from the history (the audit trail travels with the rows): the
latest change of that field not made on the device whose change met it.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, select, text

from ...persistence.base import Base
from ...persistence.models import AuditEntry
from ...persistence.sync.protocol import decode_value
from .team_records import ConflictItem, RefusedChange

# Columns that name a record, the first one a table has wins.
_NAME_COLUMNS = ("display_name", "legal_name", "name", "number", "title", "email")
_EMPTY = "(empty)"
DELETE_VERSUS_EDIT = "Deleted vs. edited"
_PERSON_AT_DEVICE = re.compile(r"^(?P<person>.*) \[(?P<device>[^\[\]]+)\]$")


def describe_conflicts(connection: Connection, found: list[dict[str, Any]],
                       this_device: str | None) -> list[ConflictItem]:  # fmt: skip
    """The server's open conflicts as the inbox shows them."""
    return [_describe(connection, item, this_device) for item in found]


def _describe(
    connection: Connection, item: dict[str, Any], this_device: str | None
) -> ConflictItem:
    row_id = uuid.UUID(str(item["row_id"]))
    table = str(item["table"])
    name = str(item["field"])
    deletion = name == "*"
    who, when = _last_change(connection, row_id, None if deletion else name, item["theirs"])
    return ConflictItem(
        id=str(item["id"]), table=table, row_id=row_id,
        record=record_label(connection, table, row_id),
        field=DELETE_VERSUS_EDIT if deletion else field_label(name),
        field_name=name, before=_whole(item["base"]) if deletion else value_text(item["base"]),
        mine=_whole(item["mine"]) if deletion else value_text(item["mine"]),
        theirs=_whole(item["theirs"]) if deletion else value_text(item["theirs"]),
        device=str(item["device"]), from_this_device=item["device"] == this_device,
        theirs_by=who, theirs_at=when, deletion=deletion,
        created_at=_timestamp(item.get("created_at")),
    )  # fmt: skip


def record_label(connection: Connection, table_name: str, row_id: uuid.UUID) -> str:
    """What a person calls a record: its kind and its name ("Organization Acme Labs")."""
    kind = table_label(table_name)
    table = Base.metadata.tables.get(table_name)
    if table is None:
        return f"{kind} {row_id.hex[:8]}"
    column = next((table.c[c] for c in _NAME_COLUMNS if c in table.c), None)
    if column is None:
        return f"{kind} {row_id.hex[:8]}"
    name = connection.execute(select(column).where(table.c.id == row_id)).scalar()
    return f"{kind} {name}" if name else f"{kind} {row_id.hex[:8]}"


def table_label(table_name: str) -> str:
    """A table's rows as a person names one ("credit_notes" -> "Credit note")."""
    words = table_name.replace("_", " ")
    singular = words[:-1] if words.endswith("s") else words
    return singular.capitalize()


def field_label(name: str) -> str:
    """A column as a person reads it ("postal_code" -> "Postal code")."""
    return name.replace("_", " ").capitalize()


def value_text(value: Any) -> str:
    """A JSON value as text ("(empty)" for none)."""
    if value is None or value == "":
        return _EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _whole(value: Any) -> str:
    """One side of a delete-versus-edit conflict."""
    if not isinstance(value, dict):
        return _EMPTY
    if value.get("deleted") is True:
        return "Deleted"
    edits = {k: v for k, v in value.items() if k not in ("deleted", "updated_at")}
    if not edits:
        return "Kept (not deleted)"
    return "Edited: " + ", ".join(f"{field_label(k)} = {value_text(v)}" for k, v in edits.items())


def _last_change(connection: Connection, row_id: uuid.UUID, name: str | None,
                 theirs: Any) -> tuple[str, datetime | None]:  # fmt: skip
    """Who last changed this field (or the record) to the server's value, and when."""
    query = (
        select(AuditEntry.actor, AuditEntry.occurred_at, AuditEntry.new_value)
        .where(AuditEntry.entity_id == row_id)
        .order_by(AuditEntry.occurred_at.desc())
        .limit(50)
    )
    if name is not None:
        query = query.where(AuditEntry.field == name)
    # The history keeps values as text, Booleans as yes/no.
    wanted = None if theirs is None or isinstance(theirs, dict) else str(theirs)
    if isinstance(theirs, bool):
        wanted = "yes" if theirs else "no"
    entries = connection.execute(query).all()
    for actor, occurred_at, new_value in entries:
        if name is None or new_value == wanted:
            return person_and_device(str(actor)), occurred_at
    return "", None


def person_and_device(actor: str) -> str:
    """An actor of the history as words: "kim [Kim's laptop]" -> "kim on Kim's laptop"."""
    found = _PERSON_AT_DEVICE.match(actor)
    return f"{found['person']} on {found['device']}" if found else actor


def _timestamp(value: Any) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def refused_changes(connection: Connection) -> list[RefusedChange]:
    """Every local change the server refused, newest first."""
    rows = connection.execute(
        text("SELECT table_name, row_id, fields, reason, refused_at FROM sync_refused "
             "ORDER BY refused_at DESC")
    ).all()  # fmt: skip
    found = []
    for table_name, row_hex, fields, reason, refused_at in rows:
        row_id = uuid.UUID(hex=str(row_hex))
        values = json.loads(fields)
        shown = ", ".join(f"{field_label(k)} = {value_text(v)}" for k, v in values.items()
                          if k != "updated_at")  # fmt: skip
        when = datetime.fromisoformat(str(refused_at)) if refused_at else None
        found.append(RefusedChange(
            record=record_label(connection, table_name, row_id), table=table_name, row_id=row_id,
            fields=shown, reason=str(reason), refused_at=when.replace(tzinfo=UTC) if when else None,
        ))  # fmt: skip
    return found


def typed_value(table_name: str, field: str, typed: str) -> Any:
    """A value a person typed, as the column holds it (empty text for none).

    Raises:
        ValueError: the text is not a value of the column's type.
    """
    table: Table = Base.metadata.tables[table_name]
    if typed.strip() == "":
        return None
    return decode_value(table.c[field].type, typed)
