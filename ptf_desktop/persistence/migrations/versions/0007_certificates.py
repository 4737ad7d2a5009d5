"""Certificate register, certificate key material, certificate and signing settings.

The certificate PDFs are stored in ``document_pdfs`` (kind "certificate"). The
verification key is made by the certificate service on first use, not here, so that a
migration never needs a random source and two laptops do not each invent a key for the
same synchronised database before the first certificate is issued.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import create_indexes, foreign_key, owned, synced

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    with op.batch_alter_table("foundation_settings") as batch:
        batch.add_column(
            sa.Column("certificate_prefix", sa.String(12), server_default="CERT", nullable=False)
        )
        batch.add_column(
            sa.Column("signing_pkcs12_path", sa.Text(), server_default="", nullable=False)
        )
        batch.add_column(
            sa.Column("sign_invoices", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    op.create_table(
        "certificates",
        *owned("certificates"),
        sa.Column("term_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("series", sa.String(30), nullable=False),
        sa.Column("legal_name", sa.String(500), nullable=False),
        sa.Column("tier", sa.String(20), nullable=False),
        sa.Column("term_start", sa.Date(), nullable=False),
        sa.Column("term_end", sa.Date(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("signatory_name", sa.String(200), nullable=False),
        sa.Column("signatory_title", sa.String(200), nullable=False),
        sa.Column("foundation_name", sa.String(300), nullable=False),
        sa.Column("verification_code", sa.String(30), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("superseded_by_id", sa.Uuid(), nullable=True),
        sa.Column("revocation_reason", sa.Text(), nullable=False),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=False),
        foreign_key("certificates", "term_id", "membership_terms"),
        foreign_key("certificates", "superseded_by_id", "certificates"),
        sa.UniqueConstraint("number", name=op.f("uq_certificates_number")),
    )
    create_indexes("certificates", "organization_id", "term_id", "status")

    op.create_table(
        "certificate_keys",
        *synced("certificate_keys"),
        sa.Column("verification_key", sa.LargeBinary(), nullable=False),
        sa.Column("signature_image", sa.LargeBinary(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("certificate_keys")
    op.drop_table("certificates")
    with op.batch_alter_table("foundation_settings") as batch:
        for column in ("sign_invoices", "signing_pkcs12_path", "certificate_prefix"):
            batch.drop_column(column)
