"""The ORM's side of the audit trail: a ``before_flush`` hook that writes what changed.

Every session of the app's factories records changes to ``Audited`` rows in the format of
``audit`` (one entry per created record, one per changed field), in the same flush and
so the same transaction as the change itself.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import get_history

from .audit import (
    WHOLE_RECORD,
    Audited,
    Change,
    as_json,
    audited_keys,
    column_defaults,
    updated,
    write_changes,
)
from .ids import time_ordered_uuid

_CHANGEABLE_KEYS: dict[type[Any], tuple[str, ...]] = {}


def install_audit_trail(factory: sessionmaker[Session]) -> None:
    """Record changes to Audited rows in every session the factory makes."""
    event.listen(factory, "before_flush", _record_changes)


def _record_changes(session: Session, _context: object, _instances: object) -> None:
    changes = _entries_for_new([row for row in session.new if isinstance(row, Audited)])
    for row in session.dirty:
        if isinstance(row, Audited) and session.is_modified(row):
            changes += _entries_for_changed(row)
    for row in session.deleted:
        if isinstance(row, Audited):
            changes.append(_entry_for_removed(row))
    if changes:
        write_changes(session.connection(), str(session.info.get("actor", "unknown")), changes)


def _entries_for_new(rows: list[Any]) -> list[Change]:
    """One entry per new row; a part created with its owner goes into the owner's entry."""
    for row in rows:
        if getattr(row, "id", None) is None:
            row.id = time_ordered_uuid()  # the entry needs the key before the flush
    documents = {row.id: _document_of_new(row) for row in rows}
    parts: dict[uuid.UUID, dict[str, list[dict[str, Any]]]] = {}
    for row in rows:
        name, owner = row.__audit_part__, _owner(row)
        if name is not None and owner != row.id and owner in documents:
            parts.setdefault(owner, {}).setdefault(name, []).append(documents.pop(row.id))
    for owner, named in parts.items():
        for name, documents_of_parts in named.items():
            # The session's new rows come in no particular order: the parts' own order.
            documents_of_parts.sort(key=lambda document: document.get("position", 0))
            documents[owner][name] = documents_of_parts
    return [
        Change("create", row.__audit_entity__, row.id, _owner(row), WHOLE_RECORD, None,
               as_json(documents[row.id]))
        for row in rows
        if row.id in documents
    ]  # fmt: skip


def _document_of_new(row: Any) -> dict[str, Any]:
    model = type(row)
    given = row.__dict__
    # A column left unset gets its default in the flush: the trail records that value.
    return {
        key: value
        for key, default in column_defaults(model).items()
        if (value := given[key] if key in given else default) is not None and value != ""
    }


def _entry_for_removed(row: Any) -> Change:
    entity = row.__audit_entity__
    return Change("delete", entity, row.id, _owner(row), WHOLE_RECORD, None, None)


def _entries_for_changed(row: Any) -> list[Change]:
    changes = []
    model = type(row)
    for key in _changeable_keys(model):
        history = get_history(row, key)
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changes.append(updated(model, row.id, _owner(row), key, old, new))
    return changes


def _owner(row: Audited) -> uuid.UUID:
    return row.audit_owner_id


def _changeable_keys(model: type[Any]) -> tuple[str, ...]:
    """The audited columns, and the delete flag where the model has one."""
    if model not in _CHANGEABLE_KEYS:
        has_flag = "deleted" in inspect(model).column_attrs
        keys = audited_keys(model)
        _CHANGEABLE_KEYS[model] = (*keys, "deleted") if has_flag else keys
    return _CHANGEABLE_KEYS[model]
