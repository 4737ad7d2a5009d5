"""The audit trail: every change to a business record, field by field, written in the same flush.

Any model that mixes in ``Audited`` is covered; nothing else has to remember to log.
The actor comes from ``session.info["actor"]``, set by the session factory.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import get_history

from .base import SYNC_COLUMNS


class Audited:
    """Mixin: changes to rows of this model are recorded in the audit log.

    Attributes:
        __audit_entity__: the entity name shown in the history (e.g. "organization").
    """

    __audit_entity__: ClassVar[str]


def install_audit_trail(factory: sessionmaker[Session]) -> None:
    """Record changes to Audited rows in every session the factory makes."""
    event.listen(factory, "before_flush", _record_changes)


def _record_changes(session: Session, _context: object, _instances: object) -> None:
    from .models import AuditEntry  # models import this module

    actor = str(session.info.get("actor", "unknown"))
    entries: list[AuditEntry] = []
    for row in session.new:
        if isinstance(row, Audited):
            entries += _entries_for_new(row, actor, AuditEntry)
    for row in session.dirty:
        if isinstance(row, Audited) and session.is_modified(row):
            entries += _entries_for_changed(row, actor, AuditEntry)
    for row in session.deleted:
        if isinstance(row, Audited):
            entries.append(_entry(AuditEntry, row, actor, "delete", "*", None, None))
    session.add_all(entries)


def _entries_for_new(row: Any, actor: str, entry_class: type) -> list[Any]:
    if getattr(row, "id", None) is None:
        row.id = uuid.uuid4()  # the entries need the key before the row is flushed
    return [
        _entry(entry_class, row, actor, "create", key, None, getattr(row, key))
        for key in _audited_keys(row)
        if getattr(row, key) not in (None, "")
    ]


def _entries_for_changed(row: Any, actor: str, entry_class: type) -> list[Any]:
    entries = []
    for key in _audited_keys(row):
        history = get_history(row, key)
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        action = ("delete" if new else "restore") if key == "deleted" else "update"
        entries.append(_entry(entry_class, row, actor, action, key, old, new))
    return entries


def _audited_keys(row: Any) -> list[str]:
    return [
        attribute.key
        for attribute in inspect(row).mapper.column_attrs
        if attribute.key not in SYNC_COLUMNS
    ]


def _entry(
    entry_class: type, row: Any, actor: str, action: str, field: str, old: Any, new: Any
) -> Any:
    return entry_class(
        id=uuid.uuid4(),
        actor=actor,
        action=action,
        entity_type=row.__audit_entity__,
        entity_id=row.id,
        owner_id=getattr(row, "audit_owner_id", row.id),
        field=field,
        old_value=_as_text(old),
        new_value=_as_text(new),
    )


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
