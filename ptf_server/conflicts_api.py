"""Open conflicts: listed for every device, resolved by a person keeping one side.

Keeping "theirs" leaves the server's value and closes the conflict; keeping "mine" writes
the device's value (or its deletion) to the row, under the same business rules as a
push, and closes it. Either way every laptop learns the outcome through the change log.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, update

from ptf_desktop.persistence.base import Base
from ptf_desktop.persistence.sync.protocol import decode_fields, encode_value

from .devices import Device
from .rules import RuleBroken, check_change
from .server_tables import conflicts, devices


class ConflictError(Exception):
    """No such open conflict, or keeping that side breaks a rule."""


def open_conflicts(engine: Engine) -> list[dict[str, Any]]:
    """Every conflict not yet resolved, oldest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(conflicts, devices.c.name.label("device_name"))
            .join(devices, devices.c.id == conflicts.c.device_id)
            .where(conflicts.c.resolved_at.is_(None))
            .order_by(conflicts.c.created_at, conflicts.c.id)
        ).all()  # fmt: skip
    return [
        {"id": str(r.id), "table": r.table_name, "row_id": str(r.row_id), "field": r.field,
         "base": r.base_value, "mine": r.device_value, "theirs": r.server_value,
         "device": r.device_name, "created_at": encode_value(r.created_at)}
        for r in rows
    ]  # fmt: skip


def resolve(engine: Engine, device: Device, conflict_id: uuid.UUID, keep: str) -> dict[str, Any]:
    """Close a conflict keeping the device's side ("mine") or the server's ("theirs").

    Raises:
        ConflictError: the conflict is unknown or closed, or the value is refused.
    """
    with engine.begin() as connection:
        row = connection.execute(
            select(conflicts).where(conflicts.c.id == conflict_id).with_for_update()
        ).first()
        if row is None or row.resolved_at is not None:
            raise ConflictError(f"no open conflict {conflict_id}")
        if keep == "mine":
            table = Base.metadata.tables[row.table_name]
            wanted = row.device_value if row.field == "*" else {row.field: row.device_value}
            fields = decode_fields(table, wanted)
            current = connection.execute(
                select(table).where(table.c.id == row.row_id).with_for_update()
            ).first()
            server = None if current is None else dict(current._mapping)
            try:
                check_change(connection, device, table, server, fields)
            except RuleBroken as broken:
                raise ConflictError(str(broken)) from None
            fields.pop("updated_at", None)
            fields["updated_at"] = datetime.now(UTC)
            connection.execute(update(table).where(table.c.id == row.row_id).values(**fields))
        connection.execute(
            update(conflicts).where(conflicts.c.id == conflict_id)
            .values(resolved_at=datetime.now(UTC), resolution=keep)
        )  # fmt: skip
    return {"id": str(conflict_id), "kept": keep}
