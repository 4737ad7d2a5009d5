"""Plain records built from an object whose attributes carry the same names.

Stored rows keep most fields of the records read from them in columns of the same name;
one function copies them, and the caller passes only the fields that differ (an enum made
from a stored string, a column with another name, a value worked out elsewhere).
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Record = TypeVar("Record", bound="DataclassInstance")


def record_from(kind: type[Record], source: object, *, prefix: str = "", **given: Any) -> Record:
    """A ``kind`` whose fields are read from ``source``'s attributes of the same name.

    Args:
        kind: the dataclass to build.
        source: what holds the values: attribute ``<prefix><field>`` for each field.
        prefix: what the attribute names start with ("bill_to_" for a bill-to).
        **given: values for the fields that are not copied as they are.

    Returns:
        The record; every field not given is the source's attribute.
    """
    copied = {
        field.name: getattr(source, prefix + field.name)
        for field in fields(kind)
        if field.init and field.name not in given
    }
    return kind(**copied, **given)
