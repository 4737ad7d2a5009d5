"""Initial schema: the foundation's settings and the audit trail."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import synced

revision = "0001"
down_revision = None


def upgrade() -> None:
    text_columns = {
        "legal_name": 300, "address_line1": 200, "address_line2": 200, "city": 100,
        "region": 100, "postal_code": 30, "country": 2, "tax_id": 40, "billing_email": 320,
        "bank_name": 200, "bank_account": 60, "aba_routing": 9, "iban": 34, "swift_bic": 11,
        "default_currency": 3,
    }  # fmt: skip
    op.create_table(
        "foundation_settings",
        *synced("foundation_settings"),
        *(
            sa.Column(name, sa.String(length), nullable=False)
            for name, length in text_columns.items()
        ),
        sa.Column("payment_terms_days", sa.Integer(), nullable=False),
        sa.Column("invoice_prefix", sa.String(12), nullable=False),
        sa.Column("credit_note_prefix", sa.String(12), nullable=False),
        sa.Column("quote_prefix", sa.String(12), nullable=False),
        sa.Column("signatory_name", sa.String(200), nullable=False),
        sa.Column("signatory_title", sa.String(200), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("entity_type", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_occurred_at"), "audit_log", ["occurred_at"])
    op.create_index(op.f("ix_audit_log_entity_id"), "audit_log", ["entity_id"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("foundation_settings")
