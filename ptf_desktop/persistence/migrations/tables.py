"""Column sets and helpers the schema migrations share.

Every synced table starts with the same five columns, and the tables an organization owns
add the same foreign key; the guards of issued documents (migrations 0013 and 0014) name
the same fixed columns. ``columns`` and ``light_table`` give a table's columns as one
list of names and types. Migrations that are already applied on someone's laptop build
their tables from these helpers, so they are frozen: changing one changes the schema an
old migration creates. A table with another shape gets a new helper, never an edit here.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import sqlalchemy as sa
from alembic import op

TableItem = sa.Column[object] | sa.Constraint


class Nullable(NamedTuple):
    """A column type for ``columns`` whose column may hold NULL."""

    type: sa.types.TypeEngine[Any]


def nullable(column_type: sa.types.TypeEngine[Any]) -> Nullable:
    """Mark a column type of ``columns`` as allowing NULL."""
    return Nullable(column_type)


def columns(**types: sa.types.TypeEngine[Any] | Nullable) -> list[TableItem]:
    """Columns by name, in the order given: NOT NULL unless the type is ``nullable(...)``."""
    return [
        sa.Column(name, kind.type, nullable=True)
        if isinstance(kind, Nullable)
        else sa.Column(name, kind, nullable=False)
        for name, kind in types.items()
    ]


def synced(table: str) -> list[TableItem]:
    """The columns every synced table starts with, and its primary key ``pk_<table>``."""
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def foreign_key(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    """A foreign key from ``table.column`` to ``target.id``, named by the naming convention."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def owned(table: str) -> list[TableItem]:
    """The synced columns of a table whose rows belong to an organization."""
    return [
        *synced(table),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        foreign_key(table, "organization_id", "organizations"),
    ]


def create_indexes(table: str, *columns: str, unique: bool = False) -> None:
    """One index ``ix_<table>_<column>`` on each column."""
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=unique)


def create_owned_table(table: str, *columns: TableItem, indexed: tuple[str, ...] = ()) -> None:
    """Create a table an organization owns, indexed on ``organization_id`` and ``indexed``.

    The owned columns' constraints are made here, after the caller's: a table with
    constraints of its own (which would then come first in the schema) is created with
    ``owned`` directly.

    Args:
        table: the table's name.
        *columns: its own columns and constraints, after the owned ones.
        indexed: further columns that get an index ``ix_<table>_<column>`` each.
    """
    op.create_table(table, *owned(table), *columns)
    create_indexes(table, "organization_id", *indexed)


# Rows pulled from the team server were checked there (it enforces the same rules for
# whatever a laptop sends); while they are applied, change capture is off, and the record
# guards stand aside for that transaction. Every other write meets them.
LOCAL_WRITE = "(SELECT value FROM sync_local_state WHERE key = 'capture') IS NOT 'off'"

# What an issued invoice keeps for good, besides its organization (which 0013 fixes and
# 0014 lets follow a merge).
ISSUED_INVOICE_COLUMNS = (
    "number", "series", "bill_to_name", "bill_to_address_line1",
    "bill_to_address_line2", "bill_to_city", "bill_to_region", "bill_to_postal_code",
    "bill_to_country", "bill_to_email", "buyer_vat_id", "buyer_reference", "currency",
    "exchange_rate_to_usd", "notes", "net_minor", "tax_minor", "total_minor", "issue_date",
    "issue_year", "due_date", "payment_terms_days", "tier", "quote_id", "renewal_year",
    "bill_to_contact",
)  # fmt: skip
# What a refund keeps for good, besides its organization.
REFUND_COLUMNS = (
    "refunded_on", "amount_minor", "currency", "method", "reference", "recorded_by", "deleted",
)  # fmt: skip


def any_changed(columns: tuple[str, ...]) -> str:
    """A trigger condition: true when any of the columns changes."""
    return " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in columns)


def light_table(table: str, **types: sa.types.TypeEngine[Any]) -> sa.TableClause:
    """A table of just the columns a data migration reads or writes, as they were then."""
    return sa.table(table, *(sa.column(name, kind) for name, kind in types.items()))
