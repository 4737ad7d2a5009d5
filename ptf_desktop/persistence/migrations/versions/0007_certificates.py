"""Certificate register, certificate key material, certificate and signing settings.

The certificate PDFs are stored in ``document_pdfs`` (kind "certificate"). The
verification key is made by the certificate service on first use, not here, so that a
migration never needs a random source and two laptops do not each invent a key for the
same synchronised database before the first certificate is issued.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import (
    columns,
    create_indexes,
    foreign_key,
    nullable,
    owned,
    synced,
)

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
        *columns(
            term_id=sa.Uuid(), number=sa.String(40), series=sa.String(30),
            legal_name=sa.String(500), tier=sa.String(20), term_start=sa.Date(), term_end=sa.Date(),
            issue_date=sa.Date(), country=sa.String(2), signatory_name=sa.String(200),
            signatory_title=sa.String(200), foundation_name=sa.String(300),
            verification_code=sa.String(30), status=sa.String(12),
            superseded_by_id=nullable(sa.Uuid()), revocation_reason=sa.Text(),
            revoked_on=nullable(sa.Date()), signed=sa.Boolean(), pdf_sha256=sa.String(64),
        ),
        foreign_key("certificates", "term_id", "membership_terms"),
        foreign_key("certificates", "superseded_by_id", "certificates"),
        sa.UniqueConstraint("number", name=op.f("uq_certificates_number")),
    )  # fmt: skip
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
