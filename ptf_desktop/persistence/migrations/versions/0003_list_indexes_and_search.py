"""Indexes for the organizations list at 100,000 rows, and the substring search index.

Each sortable list column gets an index (column, display_name) of the rows not deleted
in place of its single-column index, so that any sort order pages along an index and
counts read an index. On SQLite the FTS5 trigram search index is created and filled (see
persistence/search_index.py); other databases, or an SQLite without FTS5, go without it
and search by scanning.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence import search_index

revision = "0003"
down_revision = "0002"

_SORT_COLUMNS = (
    "display_name", "tier", "status", "country", "employees", "term_end", "billing_contact",
)  # fmt: skip


def _sort_columns(column: str) -> list[str]:
    return [column] + (["display_name"] if column != "display_name" else [])


def upgrade() -> None:
    for column in _SORT_COLUMNS:
        op.drop_index(op.f(f"ix_organizations_{column}"), table_name="organizations")
        op.create_index(
            op.f(f"ix_organizations_sort_{column}"),
            "organizations",
            _sort_columns(column),
            sqlite_where=sa.text("deleted IS 0"),
            postgresql_where=sa.text("deleted IS false"),
        )
    search_index.create(op.get_bind())


def downgrade() -> None:
    search_index.drop(op.get_bind())
    for column in _SORT_COLUMNS:
        op.drop_index(op.f(f"ix_organizations_sort_{column}"), table_name="organizations")
        op.create_index(op.f(f"ix_organizations_{column}"), "organizations", [column])
