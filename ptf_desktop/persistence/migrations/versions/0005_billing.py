"""Billing: quotes, invoices, payments, credit notes, their lines, PDFs and number series.

Also the tax and document settings on the foundation settings row: default tax rate,
exemption and reverse-charge wording, reverse charge on/off, Factur-X on by default.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.domain.billing.tax_settings import DEFAULT_REVERSE_CHARGE_WORDING
from ptf_desktop.persistence.migrations.tables import (
    columns,
    create_indexes,
    foreign_key,
    nullable,
    owned,
    synced,
)

revision = "0005"
down_revision = "0004"


def _bill_to(table: str) -> list[sa.Column[object] | sa.Constraint]:
    return [
        *owned(table),
        *columns(
            bill_to_name=sa.String(500), bill_to_address_line1=sa.String(200),
            bill_to_address_line2=sa.String(200), bill_to_city=sa.String(100),
            bill_to_region=sa.String(100), bill_to_postal_code=sa.String(30),
            bill_to_country=sa.String(2), bill_to_email=sa.String(320), buyer_vat_id=sa.String(40),
            buyer_reference=sa.String(100), currency=sa.String(3),
            exchange_rate_to_usd=nullable(sa.String(30)), notes=sa.Text(),
            net_minor=sa.BigInteger(), tax_minor=sa.BigInteger(), total_minor=sa.BigInteger(),
        ),
    ]  # fmt: skip


def _line(table: str) -> list[sa.Column[object] | sa.Constraint]:
    return [
        *synced(table),
        *columns(
            position=sa.Integer(), description=sa.String(500), quantity=sa.String(30),
            unit_price_minor=sa.BigInteger(), discount_minor=sa.BigInteger(),
            tax_rate=sa.String(10), fee_entry_id=nullable(sa.Uuid()), term_id=nullable(sa.Uuid()),
        ),
        foreign_key(table, "fee_entry_id", "fee_entries"),
        foreign_key(table, "term_id", "membership_terms"),
    ]  # fmt: skip


def _create_lines(table: str, key: str, documents: str) -> None:
    """The table of one kind of document's lines, keyed and indexed to the document."""
    op.create_table(
        table,
        *_line(table),
        sa.Column(key, sa.Uuid(), nullable=False),
        foreign_key(table, key, documents),
    )
    create_indexes(table, key)


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
        *columns(
            number=nullable(sa.String(40)), series=nullable(sa.String(30)), status=sa.String(20),
            issue_date=nullable(sa.Date()), valid_until=sa.Date(),
            member_discount_percent=sa.String(10), pdf_sha256=nullable(sa.String(64)),
        ),
        sa.UniqueConstraint("number", name=op.f("uq_quotes_number")),
    )  # fmt: skip
    create_indexes("quotes", "organization_id", "status")

    _create_lines("quote_lines", "quote_id", "quotes")

    op.create_table(
        "invoices",
        *_bill_to("invoices"),
        *columns(
            number=nullable(sa.String(40)), series=nullable(sa.String(30)), status=sa.String(20),
            issue_date=nullable(sa.Date()), due_date=nullable(sa.Date()),
            payment_terms_days=nullable(sa.Integer()), quote_id=nullable(sa.Uuid()),
            renewal_year=nullable(sa.Integer()), paid_minor=sa.BigInteger(),
            credited_minor=sa.BigInteger(), pdf_sha256=nullable(sa.String(64)),
        ),
        foreign_key("invoices", "quote_id", "quotes"),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
    )  # fmt: skip
    create_indexes("invoices", "organization_id", "status", "due_date")

    _create_lines("invoice_lines", "invoice_id", "invoices")

    op.create_table(
        "payments",
        *synced("payments"),
        *columns(
            invoice_id=sa.Uuid(), paid_on=sa.Date(), amount_minor=sa.BigInteger(),
            currency=sa.String(3), method=sa.String(30), reference=sa.String(200),
        ),
        foreign_key("payments", "invoice_id", "invoices"),
    )  # fmt: skip
    create_indexes("payments", "invoice_id")

    op.create_table(
        "credit_notes",
        *synced("credit_notes"),
        *columns(
            number=sa.String(40), series=sa.String(30), invoice_id=sa.Uuid(), issue_date=sa.Date(),
            reason=sa.Text(), currency=sa.String(3), net_minor=sa.BigInteger(),
            tax_minor=sa.BigInteger(), total_minor=sa.BigInteger(),
            pdf_sha256=nullable(sa.String(64)),
        ),
        foreign_key("credit_notes", "invoice_id", "invoices"),
        sa.UniqueConstraint("number", name=op.f("uq_credit_notes_number")),
    )  # fmt: skip
    create_indexes("credit_notes", "invoice_id")

    _create_lines("credit_note_lines", "credit_note_id", "credit_notes")

    op.create_table(
        "document_pdfs",
        *synced("document_pdfs"),
        *columns(
            document_kind=sa.String(20), document_id=sa.Uuid(), sha256=sa.String(64),
            content=sa.LargeBinary(),
        ),
        sa.UniqueConstraint("document_id", name=op.f("uq_document_pdfs_document_id")),
    )  # fmt: skip

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
