"""Organizations merged into another: ``merged_into``; merged records' documents may follow.

Two people offline can create the same organization; the merge tool keeps one (the
survivor) and marks the other merged: ``merged_into`` names the survivor, and the row is
kept (with the soft-delete flag, so lists, search and figures no longer count it twice).

Its contacts, terms and documents move to the survivor. An issued invoice and a refund
keep everything they were recorded with (migration 0013's guards), but the register
organization they belong to may now change in exactly one way: to the organization
their own one was merged into. What was printed (bill-to name, tax ID, amounts) stays.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import (
    ISSUED_INVOICE_COLUMNS,
    LOCAL_WRITE,
    REFUND_COLUMNS,
    any_changed,
)

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# An issued invoice's (or a refund's) organization changes only to its merge survivor.
_MOVED_ELSEWHERE = (
    "(NEW.organization_id IS NOT OLD.organization_id AND (SELECT merged_into FROM "
    "organizations WHERE id = OLD.organization_id) IS NOT NEW.organization_id)"
)


def _invoice_guard(organization_check: str) -> str:
    return f"""
        CREATE TRIGGER guard_issued_invoice_update BEFORE UPDATE ON invoices
        WHEN {LOCAL_WRITE} AND OLD.number IS NOT NULL AND (
            {any_changed(ISSUED_INVOICE_COLUMNS)} OR {organization_check}
            OR NEW.status = 'draft' OR NEW.deleted IS NOT OLD.deleted
            OR NEW.credited_minor < OLD.credited_minor
            OR (OLD.pdf_sha256 IS NOT NULL AND NEW.pdf_sha256 IS NOT OLD.pdf_sha256))
        BEGIN SELECT RAISE(ABORT,
            'an issued invoice cannot be changed; correct it with a credit note'); END"""


def _refund_guard(organization_check: str) -> str:
    return f"""
        CREATE TRIGGER guard_refund_update BEFORE UPDATE ON refunds
        WHEN {LOCAL_WRITE} AND ({any_changed(REFUND_COLUMNS)} OR {organization_check})
        BEGIN SELECT RAISE(ABORT, 'a refund cannot be changed'); END"""


_ANY_MOVE = "NEW.organization_id IS NOT OLD.organization_id"


def _replace_guards(organization_check: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # the team server enforces its rules in its sync service
    op.execute("DROP TRIGGER IF EXISTS guard_issued_invoice_update")
    op.execute("DROP TRIGGER IF EXISTS guard_refund_update")
    op.execute(_invoice_guard(organization_check))
    op.execute(_refund_guard(organization_check))


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch copy of the table: copying organizations would drop
    # its search-index triggers and, with foreign keys on, be refused while anything
    # refers to it.
    op.add_column("organizations", sa.Column("merged_into", sa.Uuid(), nullable=True))
    op.create_index("ix_organizations_merged_into", "organizations", ["merged_into"])
    _replace_guards(_MOVED_ELSEWHERE)


def downgrade() -> None:
    from ptf_desktop.persistence.sync import capture

    _replace_guards(_ANY_MOVE)
    # The capture triggers name every column; they are made again after a migration.
    capture.uninstall(op.get_bind())
    op.drop_index("ix_organizations_merged_into", "organizations")
    op.drop_column("organizations", "merged_into")  # SQLite 3.35's DROP COLUMN: no copy
