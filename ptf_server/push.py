"""Applying a pushed batch: idempotent, three-way merged per field, business rules enforced.

One batch is one PostgreSQL transaction with foreign keys deferred to commit (so a batch
may carry children before their parents). The batch id is recorded first: a batch sent
again, even at the same moment, gets the stored answer and nothing is applied twice.

Per change: the same base version as the server's row -> applied. Otherwise each field
is merged three ways: changed on the device only -> taken; changed on the server only or
to the same value -> kept; changed on both to different values -> the server value stays
and a conflict keeps both. A deletion meeting an edit (either way round) is a conflict
on the whole row ("*"). ``updated_at`` never conflicts: the later one is kept.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import Connection, Engine, Table, exists, select, text, update
from sqlalchemy.dialects.postgresql import insert

from ptf_desktop.persistence.base import Base
from ptf_desktop.persistence.sync.protocol import (
    ENGINE_COLUMNS,
    MAX_CLOCK_AHEAD_SECONDS,
    decode_fields,
    encode_value,
)

from .derived import INVOICE_MOVERS, recompute_invoices, without_derived
from .devices import Device
from .row_buffer import RowBuffer
from .rules import READS_DATABASE, RuleBroken, check_change
from .server_tables import applied_batches, change_log, conflicts, devices

_TIMESTAMPS = ("created_at", "updated_at")


class Change(BaseModel):
    """One captured change of one row: the fields it changed, their old and new values."""

    change_id: uuid.UUID
    table: str
    row_id: uuid.UUID
    op: Literal["insert", "update"]
    base_version: int = 0
    fields: dict[str, Any] = Field(default_factory=dict)
    old: dict[str, Any] = Field(default_factory=dict)


class PushRequest(BaseModel):
    """A batch of changes from one device, in the order they were made."""

    schema_version: int
    batch_id: uuid.UUID
    client_time: datetime
    changes: list[Change]
    # The first push of a laptop seeding an empty server: its whole register as inserts.
    seeding: bool = False


def apply_push(engine: Engine, device: Device, request: PushRequest) -> dict[str, Any]:
    """Apply a batch (or return the answer already given to it) and say what became of each."""
    with engine.begin() as connection:
        claimed = connection.execute(
            insert(applied_batches)
            .values(batch_id=request.batch_id, device_id=device.id,
                    applied_at=datetime.now(UTC), response={})
            .on_conflict_do_nothing()
            .returning(applied_batches.c.batch_id)
        ).first()  # fmt: skip
        if claimed is None:  # applied before (or just now, by a concurrent request)
            stored = connection.execute(
                select(applied_batches.c.response, applied_batches.c.device_id)
                .where(applied_batches.c.batch_id == request.batch_id)
            ).one()  # fmt: skip
            return {**stored.response, "repeated": True}
        connection.execute(text("SET CONSTRAINTS ALL DEFERRED"))
        device = _seeding(connection, device)
        now = datetime.now(UTC)
        skew = _clock_skew(request.client_time, now)
        rows = RowBuffer(connection)
        rows.load(_named_rows(request.changes))
        results = [
            _apply_change(rows, connection, device, request, change, now, skew is not None)
            for change in request.changes
        ]
        rows.flush()
        disputed = {uuid.UUID(r["row_id"]) for r in results if r.get("server_derived")}
        recompute_invoices(connection, _invoices_moved(rows, request.changes), disputed)
        response = {
            "batch_id": str(request.batch_id), "results": results,
            "server_time": now.isoformat(), "clock_clamped": skew is not None,
            "clock_ahead_seconds": skew, "repeated": False,
        }  # fmt: skip
        connection.execute(
            applied_batches.update()
            .where(applied_batches.c.batch_id == request.batch_id)
            .values(response=response)
        )
    return response


def _seeding(connection: Connection, device: Device) -> Device:
    """The device, marked as the seeding one when it is the first to push to an empty server.

    The seeding device keeps the number series its database had before joining.
    """
    if device.seeded:
        return device
    connection.execute(text("SELECT pg_advisory_xact_lock(727002)"))
    marked = connection.execute(
        update(devices).where(devices.c.id == device.id)
        .where(~exists().where(devices.c.seeded))
        .where(~exists().select_from(change_log))
        .values(seeded=True)
    ).rowcount  # fmt: skip
    return replace(device, seeded=True) if marked else device


def _clock_skew(client_time: datetime, now: datetime) -> int | None:
    """Seconds the client's clock is ahead, when that is more than allowed (else None)."""
    aware = client_time if client_time.tzinfo else client_time.replace(tzinfo=UTC)
    ahead = (aware - now).total_seconds()
    return int(ahead) if ahead > MAX_CLOCK_AHEAD_SECONDS else None


def _named_rows(changes: list[Change]) -> dict[Table, set[uuid.UUID]]:
    wanted: dict[Table, set[uuid.UUID]] = {}
    for change in changes:
        table = Base.metadata.tables.get(change.table)
        if table is not None:
            wanted.setdefault(table, set()).add(change.row_id)
    return wanted


def _invoices_moved(rows: RowBuffer, changes: list[Change]) -> set[uuid.UUID]:
    """The invoices a batch touched directly or through a payment or credit note."""
    moved = set()
    for change in changes:
        if change.table == "invoices":
            moved.add(change.row_id)
        elif change.table in INVOICE_MOVERS:
            table = Base.metadata.tables[change.table]
            row = rows.current(table, change.row_id)
            if row is not None and row.get(INVOICE_MOVERS[change.table]) is not None:
                moved.add(row[INVOICE_MOVERS[change.table]])
    return moved


def _apply_change(
    rows: RowBuffer,
    connection: Connection,
    device: Device,
    request: PushRequest,
    change: Change,
    now: datetime,
    clamp: bool,
) -> dict[str, Any]:
    table = Base.metadata.tables.get(change.table)
    result: dict[str, Any] = {"change_id": str(change.change_id), "row_id": str(change.row_id)}
    if table is None:
        return {**result, "status": "refused", "reason": f"unknown table {change.table}"}
    try:
        fields = decode_fields(table, _without_engine_columns(change.fields))
        old = decode_fields(table, _without_engine_columns(change.old))
    except (KeyError, ValueError, TypeError) as error:
        return {**result, "status": "refused", "reason": f"bad value: {error}"}
    _clamp_times(fields, now, clamp)
    server = rows.current(table, change.row_id)
    kept = without_derived(table.name, server, fields)
    if server is not None and any(server[k] != v for k, v in fields.items() if k not in kept):
        # The device holds other totals than the server: it gets the server's row again.
        result["server_derived"] = sorted(set(fields) - set(kept))
    fields, old = kept, without_derived(table.name, server, old)
    if table.name in READS_DATABASE:
        rows.flush()  # the check reads the database: it must see the batch so far
    try:
        check_change(
            connection, device, table, server, fields, seeding=request.seeding and device.seeded
        )
    except RuleBroken as broken:
        return {**result, "status": "refused", "reason": str(broken)}
    if server is None:
        version = rows.insert(table, change.row_id, fields)
        return {**result, "status": "applied", "row_version": version}
    versioned = "row_version" in table.c
    if not versioned:  # append-only rows (the audit trail): already there, nothing to do
        return {**result, "status": "applied", "row_version": 1}
    found: list[dict[str, Any]] = []
    if change.base_version == server["row_version"]:
        taken = fields
    else:
        taken, found = _merge(table, server, fields, old)
    for item in found:
        _record_conflict(connection, device, request, change, table, item, now)
    version = rows.update(table, change.row_id, taken) if taken else rows.version(
        table, change.row_id
    )  # fmt: skip
    status = "conflict" if found else ("applied" if taken == fields else "merged")
    return {**result, "status": status, "row_version": version,
            "conflicts": [item["id"] for item in found]}  # fmt: skip


def _without_engine_columns(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in fields.items() if name not in ENGINE_COLUMNS}


def _clamp_times(fields: dict[str, Any], now: datetime, clamp: bool) -> None:
    """Timestamps of a clock far ahead are brought back to the server's time."""
    limit = now + timedelta(seconds=MAX_CLOCK_AHEAD_SECONDS)
    for name in _TIMESTAMPS:
        value = fields.get(name)
        if isinstance(value, datetime) and (clamp or value > limit) and value > now:
            fields[name] = now


def _merge(
    table: Table, server: dict[str, Any], mine: dict[str, Any], base: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The fields to write and the conflicts found, for a change made on an older version."""
    deleting = mine.get("deleted") is True and base.get("deleted") is False
    if deleting and not server["deleted"]:
        return {}, [_conflict_item("*", base, {"deleted": True}, server)]
    if server["deleted"] and not deleting and any(k != "updated_at" for k in mine):
        return {}, [_conflict_item("*", base, mine, {"deleted": True})]
    taken: dict[str, Any] = {}
    found: list[dict[str, Any]] = []
    for name, value in mine.items():
        # A field without an old value comes from a row made on the device with a key
        # the server already has (a fixed key, such as the settings row): the server's
        # values stand.
        if name == "updated_at" or name not in base or server[name] == value:
            continue
        if server[name] == base[name]:
            taken[name] = value
        else:
            found.append(_conflict_item(name, base, mine, server))
    if taken and "updated_at" in mine:
        taken["updated_at"] = max(mine["updated_at"], server["updated_at"])
    return taken, found


def _conflict_item(
    name: str, base: dict[str, Any], mine: dict[str, Any], server: dict[str, Any]
) -> dict[str, Any]:
    if name == "*":
        return {"id": str(uuid.uuid4()), "field": "*", "base": None,
                "mine": {k: encode_value(v) for k, v in mine.items()},
                "theirs": {"deleted": server.get("deleted", False)}}  # fmt: skip
    return {"id": str(uuid.uuid4()), "field": name, "base": encode_value(base.get(name)),
            "mine": encode_value(mine[name]), "theirs": encode_value(server[name])}  # fmt: skip


def _record_conflict(
    connection: Connection,
    device: Device,
    request: PushRequest,
    change: Change,
    table: Table,
    item: dict[str, Any],
    now: datetime,
) -> None:
    connection.execute(
        conflicts.insert().values(
            id=uuid.UUID(item["id"]), table_name=table.name, row_id=change.row_id,
            field=item["field"], base_value=item["base"], device_value=item["mine"],
            server_value=item["theirs"], device_id=device.id, batch_id=request.batch_id,
            change_id=change.change_id, created_at=now,
        )
    )  # fmt: skip
