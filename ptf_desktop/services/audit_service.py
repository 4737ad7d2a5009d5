"""Reading the audit trail: who changed which field of which record, when.

A created record is stored as one entry holding its fields (persistence/audit.py); the
history shows it as one row per field it was created with, as it shows changes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..persistence.audit import WHOLE_RECORD, creation_fields
from ..persistence.engine import SessionFactories
from ..persistence.models import AuditEntry
from .database_errors import translating_database_errors


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
                own changes and those of its contacts, terms, applications...).
        """
        query = select(AuditEntry).order_by(AuditEntry.occurred_at.desc()).limit(limit)
        if entity_type is not None:
            query = query.where(AuditEntry.entity_type == entity_type)
        if entity_id is not None:
            query = query.where(AuditEntry.entity_id == entity_id)
        if owner_id is not None:
            query = query.where(AuditEntry.owner_id == owner_id)
        with translating_database_errors(self._factories), self._factories.read.begin() as session:
            return [record for entry in session.scalars(query) for record in _records(entry)]


def _records(entry: AuditEntry) -> list[AuditRecord]:
    """An entry as history records: a creation's fields one by one, others as they are."""
    fields = creation_fields(entry.new_value) if entry.field == WHOLE_RECORD else None
    changes = (
        [(entry.field, entry.old_value, entry.new_value)]
        if fields is None
        else [(field, None, value) for field, value in fields.items()]
    )
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
        )
        for field, old, new in changes
    ]
