"""Initial schema: the foundation's settings and the audit trail."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import columns, nullable, synced

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
        *columns(
            payment_terms_days=sa.Integer(), invoice_prefix=sa.String(12),
            credit_note_prefix=sa.String(12), quote_prefix=sa.String(12),
            signatory_name=sa.String(200), signatory_title=sa.String(200),
        ),
    )  # fmt: skip
    op.create_table(
        "audit_log",
        *columns(
            id=sa.Uuid(), occurred_at=sa.DateTime(), actor=sa.String(200), action=sa.String(10),
            entity_type=sa.String(50), entity_id=sa.Uuid(), field=sa.String(100),
            old_value=nullable(sa.Text()), new_value=nullable(sa.Text()),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )  # fmt: skip
    op.create_index(op.f("ix_audit_log_occurred_at"), "audit_log", ["occurred_at"])
    op.create_index(op.f("ix_audit_log_entity_id"), "audit_log", ["entity_id"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("foundation_settings")
