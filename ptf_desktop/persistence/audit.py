"""The audit trail: every change to a business record, written in the same transaction.

Any model that mixes in ``Audited`` is covered; nothing else has to remember to log.
The actor comes from ``session.info["actor"]``, set by the session factory.

One format, whoever writes the row (the ORM's ``before_flush`` hook in ``audit_hook``, or the bulk
writer's callers: renewals, the CSV import, draft invoices):

- a created record: ONE entry, action ``create``, field ``*``, its new value a JSON
  object of the record's filled fields (keys sorted; numbers and booleans as JSON has
  them, keys, dates, times and decimals as text);
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
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any, ClassVar, NamedTuple, cast

import orjson
from sqlalchemy import Connection, inspect

from .base import SYNC_COLUMNS, utc_now
from .bulk_writer import insert_rows
from .ids import time_ordered_uuid

# The field of an entry about a whole record (its creation or its removal).
WHOLE_RECORD = "*"


class Audited:
    """Mixin: changes to rows of this model are recorded in the audit log.

    Attributes:
        __audit_entity__: the entity name shown in the history (e.g. "organization").
        __audit_part__: for a record that is part of its owner (a document's lines), the
            name under which it is listed in the owner's creation entry when both are
            created together; None for a record that is always recorded on its own.
        __audit_owner__: the column holding the key of the record whose history shows
            changes to this one ("id": its own).
    """

    __audit_entity__: ClassVar[str]
    __audit_part__: ClassVar[str | None] = None
    __audit_owner__: ClassVar[str] = "id"

    @property
    def audit_owner_id(self) -> uuid.UUID:
        """The key of the record whose history shows changes to this one."""
        return cast(uuid.UUID, getattr(self, self.__audit_owner__))


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
    model: type[Any],
    entity_id: uuid.UUID,
    owner_id: uuid.UUID,
    values: Mapping[str, Any],
    parts: Mapping[str, list[dict[str, Any]]] | None = None,
) -> Change:
    """The entry of a new record: its filled fields as one JSON document.

    Args:
        model: the record's mapped class (an ``Audited`` model).
        entity_id: the record's key.
        owner_id: the record whose history shows it.
        values: the record's values by column (defaults included); bookkeeping columns
            and columns without a value are left out of the document.
        parts: the documents of its parts created with it (``part_documents``), by the
            name the parts' model gives them (``__audit_part__``).

    Returns:
        The entry.
    """
    document = {
        key: value
        for key in audited_keys(model)
        if (value := values.get(key)) is not None and value != ""
    }
    document.update(parts or {})
    entity = model.__audit_entity__
    return Change("create", entity, entity_id, owner_id, WHOLE_RECORD, None, as_json(document))


def created_rows(
    model: type[Any],
    names: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    owner: str,
    shared: Mapping[str, Any] | None = None,
    parts: Mapping[uuid.UUID, Mapping[str, list[dict[str, Any]]]] | None = None,
) -> list[Change]:
    """The entries of new records given as the bulk writer's tuples, as ``created`` makes them.

    Args:
        model: the records' mapped class (an ``Audited`` model).
        names: the column of each value of a tuple, ``id`` among them.
        rows: one tuple per record.
        owner: the column holding the key of the record whose history shows each one.
        shared: values that are the same in every record; columns in neither take their
            scalar default.
        parts: the documents of the records' parts created with them, by record key
            (``part_documents``).

    Returns:
        One entry per record, in the order of ``rows``.
    """
    documents = _documents(model, names, rows, shared)
    entity, key_at, owner_at = model.__audit_entity__, names.index("id"), names.index(owner)
    if parts:
        for row, document in zip(rows, documents, strict=True):
            document.update(parts.get(row[key_at], {}))
    return [
        Change("create", entity, row[key_at], row[owner_at], WHOLE_RECORD, None, as_json(document))
        for row, document in zip(rows, documents, strict=True)
    ]


def part_documents(
    model: type[Any], names: Sequence[str], rows: Sequence[tuple[Any, ...]], owner: str
) -> dict[uuid.UUID, dict[str, list[dict[str, Any]]]]:
    """The documents of new parts (a document's lines), by the key of their owner.

    The parts created with their owner are recorded inside its creation entry, not in
    entries of their own (see ``Audited.__audit_part__``).

    Args:
        model: the parts' mapped class (with ``__audit_part__``).
        names: the column of each value of a tuple.
        rows: one tuple per part, each owner's parts in their order.
        owner: the column holding the owner's key.

    Returns:
        Owner key to {the parts' name: their documents, in the order of ``rows``}.
    """
    name, owner_at = model.__audit_part__, names.index(owner)
    grouped: dict[uuid.UUID, dict[str, list[dict[str, Any]]]] = {}
    for row, document in zip(rows, _documents(model, names, rows, None), strict=True):
        grouped.setdefault(row[owner_at], {name: []})[name].append(document)
    return grouped


def _documents(
    model: type[Any],
    names: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    shared: Mapping[str, Any] | None,
) -> list[dict[str, Any]]:
    """Each row's filled audited values, as ``created`` takes them from a mapping."""
    given = {name: index for index, name in enumerate(names)}
    keys = [key for key in audited_keys(model) if key in given]
    # One tuple of the audited values per row, taken in C (a renewal run has 150,000).
    values_of = _values_getter([given[key] for key in keys])
    fixed = column_defaults(model) | dict(shared or {})
    constant = {
        key: value
        for key in audited_keys(model)
        if key not in given and (value := fixed.get(key)) is not None and value != ""
    }
    return [
        constant | {
            key: value for key, value in zip(keys, values_of(row), strict=True)
            if value is not None and value != ""
        }
        for row in rows
    ]  # fmt: skip


def _values_getter(positions: list[int]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """A getter of a row's values at these positions, as a tuple."""
    if len(positions) > 1:
        return itemgetter(*positions)
    return lambda row: tuple(row[index] for index in positions)


def as_json(document: Mapping[str, Any]) -> str:
    """A document as compact JSON, keys sorted: the same text whatever order it was built in.

    Numbers and booleans are JSON's own, keys, dates and times ISO text (as ``as_text``
    writes them), decimals and anything else as ``as_text`` shows them.
    """
    return orjson.dumps(document, default=as_text, option=orjson.OPT_SORT_KEYS).decode()


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
        Field name to value text (as ``as_text`` shows it), parts created with the
        record as one field each ("lines 1": "description: ..., quantity: 1"); None for
        an entry written before creations carried their fields (a note such as
        "Imported from a.csv, line 2").
    """
    if not new_value or not new_value.startswith("{"):
        return None
    try:
        document = json.loads(new_value)
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    fields: dict[str, str] = {}
    for field, value in document.items():
        if isinstance(value, list):
            for number, part in enumerate(value, start=1):
                fields[f"{field} {number}"] = ", ".join(
                    f"{name}: {as_text(text)}" for name, text in dict(part).items()
                )
        else:
            fields[field] = as_text(value) or ""
    return fields


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


_DEFAULTS: dict[type[Any], dict[str, Any]] = {}


def column_defaults(model: type[Any]) -> dict[str, Any]:
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
