"""The tier and year each issued invoice was for, filled in for existing ones; an index.

Revenue by tier used to join every invoice to its organization and take the tier it has
today, so a member that moved from General to Premier turned its past General revenue
into Premier revenue. Each invoice now keeps the tier it billed, set when it is issued
(``services.billing.invoice_tier``: the term or fee entry a line names, else the
register's tier that day). Existing issued invoices get it from, in order:

1. the membership term a line of the invoice bills (renewal invoices name it);
2. the tier of the fee schedule entry a line was priced from;
3. the member's term covering the invoice's issue date (the history of its tier);
4. the organization's tier today, when none of those exists (the only record left).

The year of issue is stored next to the issue date, and the revenue index (year, tier,
currency, status, deleted, net) lets revenue by tier read one index in the order it
groups by: no join, no sort of every invoice. An index of current members by term end
serves the renewals by month and the renewals due.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import light_table

revision = "0009"
down_revision = "0008"

TIERS = ("premier", "general", "associate")
REVENUE_INDEX = ["issue_year", "tier", "currency", "status", "deleted", "net_minor"]
# Current members by term end (renewals by month and renewals due), rows not deleted.
TERM_END_INDEX = [
    "term_end", "status", "tier", "renewal_intent", "next_tier", "employees", "lf_membership",
    "org_type", "id", "deleted",
]  # fmt: skip

# Just the columns the backfill reads: the models may change after this migration.
_invoices = light_table(
    "invoices", id=sa.Uuid(), organization_id=sa.Uuid(), issue_date=sa.Date(),
    tier=sa.String(), issue_year=sa.Integer(),
)  # fmt: skip
_lines = light_table(
    "invoice_lines", invoice_id=sa.Uuid(), position=sa.Integer(), term_id=sa.Uuid(),
    fee_entry_id=sa.Uuid(), deleted=sa.Boolean(),
)  # fmt: skip
_terms = light_table(
    "membership_terms", id=sa.Uuid(), organization_id=sa.Uuid(), tier=sa.String(),
    start_date=sa.Date(), end_date=sa.Date(), deleted=sa.Boolean(),
)  # fmt: skip
_entries = light_table("fee_entries", id=sa.Uuid(), kind=sa.String())
_organizations = light_table("organizations", id=sa.Uuid(), tier=sa.String())


def _tier_when_invoiced() -> sa.ColumnElement[str]:
    """The first of the four sources above that names a tier."""
    billed_term = (
        sa.select(_terms.c.tier)
        .join(_lines, _lines.c.term_id == _terms.c.id)
        .where(_lines.c.invoice_id == _invoices.c.id, _lines.c.deleted == sa.false())
        .order_by(_lines.c.position)
        .limit(1)
        .scalar_subquery()
    )
    fee_entry = (
        sa.select(_entries.c.kind)
        .join(_lines, _lines.c.fee_entry_id == _entries.c.id)
        .where(_lines.c.invoice_id == _invoices.c.id, _lines.c.deleted == sa.false())
        .where(_entries.c.kind.in_(TIERS))
        .order_by(_lines.c.position)
        .limit(1)
        .scalar_subquery()
    )
    covering_term = (
        sa.select(_terms.c.tier)
        .where(_terms.c.organization_id == _invoices.c.organization_id)
        .where(_terms.c.deleted == sa.false())
        .where(_terms.c.start_date <= _invoices.c.issue_date)
        .where(_terms.c.end_date >= _invoices.c.issue_date)
        .order_by(_terms.c.start_date.desc())
        .limit(1)
        .scalar_subquery()
    )
    organization = (
        sa.select(_organizations.c.tier)
        .where(_organizations.c.id == _invoices.c.organization_id)
        .scalar_subquery()
    )
    return sa.func.coalesce(billed_term, fee_entry, covering_term, organization)


def upgrade() -> None:
    with op.batch_alter_table("invoices") as batch:
        batch.add_column(sa.Column("tier", sa.String(10), nullable=True))
        batch.add_column(sa.Column("issue_year", sa.Integer(), nullable=True))
    op.execute(
        sa.update(_invoices)
        .where(_invoices.c.issue_date.is_not(None))
        .values(
            tier=_tier_when_invoiced(),
            issue_year=sa.cast(sa.extract("year", _invoices.c.issue_date), sa.Integer),
        )
    )
    op.create_index("ix_invoices_revenue", "invoices", REVENUE_INDEX)
    op.create_index(
        "ix_organizations_term_end", "organizations", TERM_END_INDEX,
        sqlite_where=sa.text("deleted IS 0"), postgresql_where=sa.text("deleted IS false"),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_organizations_term_end", table_name="organizations")
    op.drop_index("ix_invoices_revenue", table_name="invoices")
    # Not in batch mode: copying the invoices table would break the foreign keys of its
    # lines, payments and credit notes; SQLite (3.35+) drops a plain column in place.
    op.drop_column("invoices", "issue_year")
    op.drop_column("invoices", "tier")
