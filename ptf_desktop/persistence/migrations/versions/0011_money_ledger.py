"""Payments that can be reversed, refunds of credit balances, closed books, billing contacts.

- ``payments`` gains who recorded each payment, and reversal rows: a payment is never
  edited or deleted; a reversal is a second row with the negative amount that names the
  payment it reverses and says why.
- ``refunds``: money paid back to a member out of its credit balance (credit notes on
  paid invoices and overpayments kept as credit).
- ``foundation_settings.books_closed_through``: nothing is issued on or before it.
- ``invoices`` and ``quotes`` keep the billing contact's name for the "Attn:" line.
- ``invoices.series`` and ``credit_notes.series`` are indexed: issuing checks that the
  new document is not dated before the latest one of its series.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import columns, create_owned_table

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): copying these tables would break the foreign keys
    # that point at them, and SQLite adds a column in place.
    op.add_column(
        "payments", sa.Column("recorded_by", sa.String(200), nullable=False, server_default="")
    )
    op.add_column("payments", sa.Column("reverses_payment_id", sa.Uuid(), nullable=True))
    op.add_column("payments", sa.Column("reason", sa.Text(), nullable=False, server_default=""))
    op.create_index(op.f("ix_payments_reverses_payment_id"), "payments", ["reverses_payment_id"])
    for table in ("invoices", "quotes"):
        op.add_column(
            table,
            sa.Column("bill_to_contact", sa.String(200), nullable=False, server_default=""),
        )
    op.add_column(
        "foundation_settings",
        sa.Column("books_closed_through", sa.String(10), nullable=False, server_default=""),
    )
    create_owned_table(
        "refunds",
        *columns(
            refunded_on=sa.Date(), amount_minor=sa.BigInteger(), currency=sa.String(3),
            method=sa.String(30), reference=sa.String(200), recorded_by=sa.String(200),
        ),
    )  # fmt: skip
    op.create_index(op.f("ix_invoices_series"), "invoices", ["series"])
    op.create_index(op.f("ix_credit_notes_series"), "credit_notes", ["series"])


def downgrade() -> None:
    op.drop_index(op.f("ix_credit_notes_series"), table_name="credit_notes")
    op.drop_index(op.f("ix_invoices_series"), table_name="invoices")
    op.drop_index(op.f("ix_refunds_organization_id"), table_name="refunds")
    op.drop_table("refunds")
    op.drop_column("foundation_settings", "books_closed_through")
    for table in ("quotes", "invoices"):
        op.drop_column(table, "bill_to_contact")
    op.drop_index(op.f("ix_payments_reverses_payment_id"), table_name="payments")
    op.drop_column("payments", "reason")
    op.drop_column("payments", "reverses_payment_id")
    op.drop_column("payments", "recorded_by")
