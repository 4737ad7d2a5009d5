"""Reading the audit trail: who changed which field of which record, when and where.

A created record is stored as one entry holding its fields (persistence/audit.py); the
history shows it as one row per field it was created with, as it shows changes.

On a laptop that has joined a team, changes are recorded as "person [device]"; a
change whose device is another one (or, on a laptop that did not seed the team, a
change from before the team existed) arrived by sync.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, or_, select

from ..persistence.audit import WHOLE_RECORD, creation_fields
from ..persistence.engine import SessionFactories
from ..persistence.models import AuditEntry, Organization
from ..persistence.sync import local_state
from .database_errors import translating_database_errors

_PERSON_AT_DEVICE = re.compile(r"^(?P<person>.*) \[(?P<device>[^\[\]]+)\]$")


@dataclass(frozen=True)
class AuditRecord:
    """One recorded change, as shown in a History view."""

    occurred_at: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: uuid.UUID
    field: str
    old_value: str | None
    new_value: str | None
    arrived_by_sync: bool = False

    @property
    def person(self) -> str:
        """Who made the change (the actor without the device)."""
        found = _PERSON_AT_DEVICE.match(self.actor)
        return found["person"] if found else self.actor

    @property
    def device(self) -> str:
        """The device the change was made on ("" when it was made before joining a team)."""
        found = _PERSON_AT_DEVICE.match(self.actor)
        return found["device"] if found else ""


class AuditService:
    """Queries over the audit trail."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def history(
        self,
        entity_type: str | None = None,
        entity_id: uuid.UUID | None = None,
        limit: int = 1000,
        owner_id: uuid.UUID | None = None,
    ) -> list[AuditRecord]:
        """Return recorded changes, newest first; a creation as one record per field.

        Args:
            entity_type: only changes to this kind of record (e.g. "settings").
            entity_id: only changes to this record.
            limit: at most this many entries.
            owner_id: only changes shown in this record's history (an organization's
                own changes and those of its contacts, terms, applications..., and
                those of the organizations merged into it).
        """
        query = select(AuditEntry).order_by(AuditEntry.occurred_at.desc()).limit(limit)
        if entity_type is not None:
            query = query.where(AuditEntry.entity_type == entity_type)
        if entity_id is not None:
            query = query.where(AuditEntry.entity_id == entity_id)
        if owner_id is not None:
            # An organization's history includes that of the records merged into it.
            merged = select(Organization.id).where(Organization.merged_into == owner_id)
            query = query.where(
                or_(AuditEntry.owner_id == owner_id, AuditEntry.owner_id.in_(merged))
            )
        with translating_database_errors(self._factories), self._factories.read.begin() as session:
            here = _this_device(session.connection())
            return [record for entry in session.scalars(query) for record in _records(entry, here)]


def _records(entry: AuditEntry, here: tuple[str, bool] | None) -> list[AuditRecord]:
    """An entry as history records: a creation's fields one by one, others as they are."""
    fields = creation_fields(entry.new_value) if entry.field == WHOLE_RECORD else None
    changes = (
        [(entry.field, entry.old_value, entry.new_value)]
        if fields is None
        else [(field, None, value) for field, value in fields.items()]
    )
    by_sync = _arrived_by_sync(entry.actor, here)
    return [
        AuditRecord(
            occurred_at=entry.occurred_at,
            actor=entry.actor,
            action=entry.action,
            entity_type=entry.entity_type,
            entity_id=entry.entity_id,
            field=field,
            old_value=old,
            new_value=new,
            arrived_by_sync=by_sync,
        )
        for field, old, new in changes
    ]


def _this_device(connection: Connection) -> tuple[str, bool] | None:
    """This laptop's device name and whether it seeded its team (None: not in a team)."""
    values = local_state.all_values(connection)
    if "device_name" not in values:
        return None
    return values["device_name"], "series_code" not in values


def _arrived_by_sync(actor: str, here: tuple[str, bool] | None) -> bool:
    if here is None:
        return False
    device, seeded_here = here
    found = _PERSON_AT_DEVICE.match(actor)
    if found is None:  # made before the team existed: on the laptop that seeded it
        return not seeded_here
    return found["device"] != device
