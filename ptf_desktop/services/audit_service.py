"""Reading the audit trail: who changed which field of which record, when."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from ..persistence.engine import SessionFactories
from ..persistence.models import AuditEntry, Organization
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
        """Return recorded changes, newest first.

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
            return [
                AuditRecord(
                    occurred_at=entry.occurred_at,
                    actor=entry.actor,
                    action=entry.action,
                    entity_type=entry.entity_type,
                    entity_id=entry.entity_id,
                    field=entry.field,
                    old_value=entry.old_value,
                    new_value=entry.new_value,
                )
                for entry in session.scalars(query)
            ]
