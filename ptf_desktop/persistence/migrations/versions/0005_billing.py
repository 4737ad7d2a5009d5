"""Billing: quotes, invoices, payments, credit notes, their lines, PDFs and number series.

Also the tax and document settings on the foundation settings row: default tax rate,
exemption and reverse-charge wording, reverse charge on/off, Factur-X on by default.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.domain.billing.tax_settings import DEFAULT_REVERSE_CHARGE_WORDING
from ptf_desktop.persistence.migrations.tables import create_indexes, foreign_key, owned, synced

revision = "0005"
down_revision = "0004"


def _bill_to(table: str) -> list[sa.Column[object] | sa.Constraint]:
    return [
        *owned(table),
        sa.Column("bill_to_name", sa.String(500), nullable=False),
        sa.Column("bill_to_address_line1", sa.String(200), nullable=False),
        sa.Column("bill_to_address_line2", sa.String(200), nullable=False),
        sa.Column("bill_to_city", sa.String(100), nullable=False),
        sa.Column("bill_to_region", sa.String(100), nullable=False),
        sa.Column("bill_to_postal_code", sa.String(30), nullable=False),
        sa.Column("bill_to_country", sa.String(2), nullable=False),
        sa.Column("bill_to_email", sa.String(320), nullable=False),
        sa.Column("buyer_vat_id", sa.String(40), nullable=False),
        sa.Column("buyer_reference", sa.String(100), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("exchange_rate_to_usd", sa.String(30), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("net_minor", sa.BigInteger(), nullable=False),
        sa.Column("tax_minor", sa.BigInteger(), nullable=False),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
    ]


def _line(table: str) -> list[sa.Column[object] | sa.Constraint]:
    return [
        *synced(table),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(500), nullable=False),
        sa.Column("quantity", sa.String(30), nullable=False),
        sa.Column("unit_price_minor", sa.BigInteger(), nullable=False),
        sa.Column("discount_minor", sa.BigInteger(), nullable=False),
        sa.Column("tax_rate", sa.String(10), nullable=False),
        sa.Column("fee_entry_id", sa.Uuid(), nullable=True),
        sa.Column("term_id", sa.Uuid(), nullable=True),
        foreign_key(table, "fee_entry_id", "fee_entries"),
        foreign_key(table, "term_id", "membership_terms"),
    ]


def upgrade() -> None:
    with op.batch_alter_table("foundation_settings") as batch:
        batch.add_column(
            sa.Column("default_tax_rate", sa.String(10), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("tax_exemption_wording", sa.Text(), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column(
                "reverse_charge_wording",
                sa.Text(),
                nullable=False,
                server_default=DEFAULT_REVERSE_CHARGE_WORDING,
            )
        )
        batch.add_column(
            sa.Column(
                "reverse_charge_enabled", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(
            sa.Column("facturx_enabled", sa.Boolean(), nullable=False, server_default=sa.true())
        )

    op.create_table(
        "quotes",
        *_bill_to("quotes"),
        sa.Column("number", sa.String(40), nullable=True),
        sa.Column("series", sa.String(30), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("member_discount_percent", sa.String(10), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=True),
        sa.UniqueConstraint("number", name=op.f("uq_quotes_number")),
    )
    create_indexes("quotes", "organization_id", "status")

    op.create_table(
        "quote_lines",
        *_line("quote_lines"),
        sa.Column("quote_id", sa.Uuid(), nullable=False),
        foreign_key("quote_lines", "quote_id", "quotes"),
    )
    create_indexes("quote_lines", "quote_id")

    op.create_table(
        "invoices",
        *_bill_to("invoices"),
        sa.Column("number", sa.String(40), nullable=True),
        sa.Column("series", sa.String(30), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("payment_terms_days", sa.Integer(), nullable=True),
        sa.Column("quote_id", sa.Uuid(), nullable=True),
        sa.Column("renewal_year", sa.Integer(), nullable=True),
        sa.Column("paid_minor", sa.BigInteger(), nullable=False),
        sa.Column("credited_minor", sa.BigInteger(), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=True),
        foreign_key("invoices", "quote_id", "quotes"),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
    )
    create_indexes("invoices", "organization_id", "status", "due_date")

    op.create_table(
        "invoice_lines",
        *_line("invoice_lines"),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        foreign_key("invoice_lines", "invoice_id", "invoices"),
    )
    create_indexes("invoice_lines", "invoice_id")

    op.create_table(
        "payments",
        *synced("payments"),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("method", sa.String(30), nullable=False),
        sa.Column("reference", sa.String(200), nullable=False),
        foreign_key("payments", "invoice_id", "invoices"),
    )
    create_indexes("payments", "invoice_id")

    op.create_table(
        "credit_notes",
        *synced("credit_notes"),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("series", sa.String(30), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("net_minor", sa.BigInteger(), nullable=False),
        sa.Column("tax_minor", sa.BigInteger(), nullable=False),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=True),
        foreign_key("credit_notes", "invoice_id", "invoices"),
        sa.UniqueConstraint("number", name=op.f("uq_credit_notes_number")),
    )
    create_indexes("credit_notes", "invoice_id")

    op.create_table(
        "credit_note_lines",
        *_line("credit_note_lines"),
        sa.Column("credit_note_id", sa.Uuid(), nullable=False),
        foreign_key("credit_note_lines", "credit_note_id", "credit_notes"),
    )
    create_indexes("credit_note_lines", "credit_note_id")

    op.create_table(
        "document_pdfs",
        *synced("document_pdfs"),
        sa.Column("document_kind", sa.String(20), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.UniqueConstraint("document_id", name=op.f("uq_document_pdfs_document_id")),
    )

    op.create_table(
        "document_series",
        *synced("document_series"),
        sa.Column("series_key", sa.String(30), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.UniqueConstraint("series_key", name=op.f("uq_document_series_series_key")),
    )


def downgrade() -> None:
    for table in (
        "document_series", "document_pdfs", "credit_note_lines", "credit_notes", "payments",
        "invoice_lines", "invoices", "quote_lines", "quotes",
    ):  # fmt: skip
        op.drop_table(table)
    with op.batch_alter_table("foundation_settings") as batch:
        for column in (
            "facturx_enabled", "reverse_charge_enabled", "reverse_charge_wording",
            "tax_exemption_wording", "default_tax_rate",
        ):  # fmt: skip
            batch.drop_column(column)
