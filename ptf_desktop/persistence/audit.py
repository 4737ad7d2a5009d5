"""The audit trail: every change to a business record, written in the same transaction.

Any model that mixes in ``Audited`` is covered; nothing else has to remember to log.
The actor comes from ``session.info["actor"]``, set by the session factory.

One format, whoever writes the row (the ORM's ``before_flush`` hook below, or the bulk
writer's callers: renewals, the CSV import, draft invoices):

- a created record: ONE entry, action ``create``, field ``*``, its new value a JSON
  object of the record's filled fields, each value as the trail shows values (text);
- a changed record: one entry per changed field, old and new value as text (the delete
  flag reads as action ``delete`` or ``restore``);
- a removed row: one entry, action ``delete``, field ``*``.

So a single draft invoice and a renewal run's thousands look the same in the database
and in the history, and a renewal run writes one entry per record, not one per field.
``creation_fields`` reads a creation's fields back for the history views.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, ClassVar, NamedTuple

from sqlalchemy import Connection, event, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import get_history

from .base import SYNC_COLUMNS, utc_now
from .bulk_writer import insert_rows
from .ids import time_ordered_uuid

# The field of an entry about a whole record (its creation or its removal).
WHOLE_RECORD = "*"


class Audited:
    """Mixin: changes to rows of this model are recorded in the audit log.

    Attributes:
        __audit_entity__: the entity name shown in the history (e.g. "organization").
    """

    __audit_entity__: ClassVar[str]


class Change(NamedTuple):
    """One audit entry, before its key, time and actor are added.

    Attributes:
        action: "create", "update", "delete" or "restore".
        entity_type: the record's ``__audit_entity__``.
        entity_id: the record's key.
        owner_id: the record whose history shows the entry.
        field: the changed column, or ``*`` for the whole record.
        old_value: the value before, as text.
        new_value: the value after, as text (a creation: its fields as a JSON object).
    """

    action: str
    entity_type: str
    entity_id: uuid.UUID
    owner_id: uuid.UUID | None
    field: str
    old_value: str | None
    new_value: str | None


def created(
    model: type[Any], entity_id: uuid.UUID, owner_id: uuid.UUID, values: Mapping[str, Any]
) -> Change:
    """The entry of a new record: its filled fields as one JSON document.

    Args:
        model: the record's mapped class (an ``Audited`` model).
        entity_id: the record's key.
        owner_id: the record whose history shows it.
        values: the record's values by column (defaults included); bookkeeping columns
            and columns without a value are left out of the document.

    Returns:
        The entry.
    """
    document = {
        key: value if type(value) is str else as_text(value)
        for key in audited_keys(model)
        if (value := values.get(key)) is not None and value != ""
    }
    return Change(
        "create", model.__audit_entity__, entity_id, owner_id, WHOLE_RECORD, None,
        _JSON.encode(document),
    )  # fmt: skip


def created_rows(
    model: type[Any],
    names: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    owner: str,
    shared: Mapping[str, Any] | None = None,
) -> list[Change]:
    """The entries of new records given as the bulk writer's tuples, as ``created`` makes them.

    Args:
        model: the records' mapped class (an ``Audited`` model).
        names: the column of each value of a tuple, ``id`` among them.
        rows: one tuple per record.
        owner: the column holding the key of the record whose history shows each one.
        shared: values that are the same in every record; columns in neither take their
            scalar default.

    Returns:
        One entry per record, in the order of ``rows``.
    """
    given = {name: index for index, name in enumerate(names)}
    constants = _defaults(model) | dict(shared or {})
    # Per audited column: where a tuple holds its value, or its one value as text.
    plan = [
        (key, given.get(key, -1), None if key in given else as_text(constants.get(key)))
        for key in audited_keys(model)
    ]
    entity, encode = model.__audit_entity__, _JSON.encode
    key_at, owner_at = given["id"], given[owner]
    changes = []
    for row in rows:
        document = {}
        for key, index, constant in plan:
            value = constant if index < 0 else row[index]
            if value is not None and value != "":
                document[key] = value if type(value) is str else as_text(value)
        changes.append(
            Change(
                "create", entity, row[key_at], row[owner_at], WHOLE_RECORD, None, encode(document)
            )
        )
    return changes


# Compact, and text as it is (names in any script stay readable in the database).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def updated(
    model: type[Any], entity_id: uuid.UUID, owner_id: uuid.UUID, field: str, old: Any, new: Any
) -> Change:
    """The entry of one changed field (``deleted`` reads as a deletion or a restore).

    Args:
        model: the record's mapped class (an ``Audited`` model).
        entity_id: the record's key.
        owner_id: the record whose history shows it.
        field: the column.
        old: its value before.
        new: its value now.

    Returns:
        The entry.
    """
    action = ("delete" if new else "restore") if field == "deleted" else "update"
    return Change(
        action, model.__audit_entity__, entity_id, owner_id, field, as_text(old), as_text(new)
    )


def creation_fields(new_value: str | None) -> dict[str, str] | None:
    """The fields of a creation entry's document, or None if the value is not one.

    Args:
        new_value: the new value of an entry with the field ``*``.

    Returns:
        Field name to value text, in column order; None for an entry written before
        creations carried their fields (a note such as "Imported from a.csv, line 2").
    """
    if not new_value or not new_value.startswith("{"):
        return None
    try:
        document = json.loads(new_value)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def write_changes(
    connection: Connection, actor: str, changes: Sequence[Change], when: datetime | None = None
) -> None:
    """Insert audit entries with one ``executemany``, each with a new key.

    Args:
        connection: the connection of the caller's write transaction.
        actor: who made the changes.
        changes: the entries.
        when: when they happened (now if not given).
    """
    from .models import AuditEntry  # models import this module

    rows = [(time_ordered_uuid(), *change) for change in changes]
    shared = {"actor": actor, "occurred_at": when or utc_now()}
    insert_rows(connection, AuditEntry, _ENTRY_COLUMNS, rows, shared)


_ENTRY_COLUMNS = ("id", *Change._fields)


def audited_keys(model: type[Any]) -> tuple[str, ...]:
    """The columns of ``model`` the trail records.

    Bookkeeping columns are left out, and so is the delete flag of a new record (no new
    record is deleted); changes to the flag are recorded as deletions and restores.

    Args:
        model: a mapped class.

    Returns:
        The attribute names, in column order.
    """
    keys = _AUDITED_KEYS.get(model)
    if keys is None:
        keys = _AUDITED_KEYS[model] = tuple(
            attribute.key
            for attribute in inspect(model).column_attrs
            if attribute.key not in SYNC_COLUMNS and attribute.key != "deleted"
        )
    return keys


# Per model, computed once: the audited columns, the changeable ones and their defaults.
_AUDITED_KEYS: dict[type[Any], tuple[str, ...]] = {}
_CHANGEABLE_KEYS: dict[type[Any], tuple[str, ...]] = {}
_DEFAULTS: dict[type[Any], dict[str, Any]] = {}


def as_text(value: Any) -> str | None:
    """A value as the trail shows it.

    Args:
        value: a column's value.

    Returns:
        Dates and times in ISO 8601, booleans as "yes"/"no", anything else as ``str``.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def install_audit_trail(factory: sessionmaker[Session]) -> None:
    """Record changes to Audited rows in every session the factory makes."""
    event.listen(factory, "before_flush", _record_changes)


def _record_changes(session: Session, _context: object, _instances: object) -> None:
    changes: list[Change] = []
    for row in session.new:
        if isinstance(row, Audited):
            changes.append(_entry_for_new(row))
    for row in session.dirty:
        if isinstance(row, Audited) and session.is_modified(row):
            changes += _entries_for_changed(row)
    for row in session.deleted:
        if isinstance(row, Audited):
            changes.append(_entry_for_removed(row))
    if changes:
        write_changes(session.connection(), str(session.info.get("actor", "unknown")), changes)


def _entry_for_new(row: Any) -> Change:
    if getattr(row, "id", None) is None:
        row.id = time_ordered_uuid()  # the entry needs the key before the row is flushed
    model = type(row)
    given = row.__dict__
    # A column left unset gets its default in the flush: the trail records that value.
    values = {
        key: given[key] if key in given else default for key, default in _defaults(model).items()
    }
    return created(model, row.id, _owner(row), values)


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


def _owner(row: Any) -> uuid.UUID:
    return getattr(row, "audit_owner_id", row.id)  # type: ignore[no-any-return]


def _changeable_keys(model: type[Any]) -> tuple[str, ...]:
    """The audited columns, and the delete flag where the model has one."""
    if model not in _CHANGEABLE_KEYS:
        has_flag = "deleted" in inspect(model).column_attrs
        keys = audited_keys(model)
        _CHANGEABLE_KEYS[model] = (*keys, "deleted") if has_flag else keys
    return _CHANGEABLE_KEYS[model]


def _defaults(model: type[Any]) -> dict[str, Any]:
    """Each audited column's scalar default (None where it has none)."""
    if model in _DEFAULTS:
        return _DEFAULTS[model]
    columns = {attribute.key: attribute.columns[0] for attribute in inspect(model).column_attrs}
    values: dict[str, Any] = {}
    for key in audited_keys(model):
        default = columns[key].default
        is_scalar = default is not None and getattr(default, "is_scalar", False)
        values[key] = getattr(default, "arg", None) if is_scalar else None
    _DEFAULTS[model] = values
    return values
