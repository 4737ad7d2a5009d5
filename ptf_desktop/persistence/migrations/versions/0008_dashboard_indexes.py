"""Indexes for the dashboard's aggregates (see ``persistence.models.dashboard_indexes``)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"

_INDEXES: tuple[tuple[str, str, list[str], bool], ...] = (
    (
        "ix_invoices_issue_date", "invoices",
        ["issue_date", "status", "deleted", "currency", "net_minor", "organization_id"], False,
    ),
    (
        "ix_invoices_status_due_date", "invoices",
        ["status", "due_date", "deleted", "issue_date", "currency", "total_minor", "paid_minor",
         "credited_minor"],
        False,
    ),
    (
        "ix_payments_paid_on", "payments", ["paid_on", "deleted", "currency", "amount_minor"],
        False,
    ),
    ("ix_organizations_id_tier", "organizations", ["id", "tier"], False),
    (
        "ix_organizations_dashboard", "organizations",
        ["tier", "status", "renewal_intent", "term_end", "next_tier", "employees",
         "lf_membership", "org_type", "id", "deleted"],
        True,
    ),
    (
        "ix_membership_terms_years", "membership_terms",
        ["end_date", "start_date", "tier", "organization_id", "deleted"], True,
    ),
)  # fmt: skip


def upgrade() -> None:
    for name, table, columns, partial in _INDEXES:
        if partial:
            op.create_index(
                name, table, columns,
                sqlite_where=sa.text("deleted IS 0"), postgresql_where=sa.text("deleted IS false"),
            )  # fmt: skip
        else:
            op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns, _partial in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
