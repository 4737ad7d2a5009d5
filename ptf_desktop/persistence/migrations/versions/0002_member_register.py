"""The member register: organizations, contacts, terms, tier changes, applications, testimonials.

Also: the audit trail learns which record's history a change belongs to (owner_id), and
the settings learn which organization types may be Associate members.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import create_indexes, create_owned_table, synced

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("owner_id", sa.Uuid(), nullable=True))
        batch.create_index(op.f("ix_audit_log_owner_id"), ["owner_id"])
    op.execute("UPDATE audit_log SET owner_id = entity_id")
    with op.batch_alter_table("foundation_settings") as batch:
        batch.add_column(
            sa.Column(
                "associate_eligible_types",
                sa.String(100),
                nullable=False,
                server_default="academic,nonprofit",
            )
        )

    op.create_table(
        "organizations",
        *synced("organizations"),
        sa.Column("display_name", sa.String(300), nullable=False),
        sa.Column("legal_name", sa.String(500), nullable=False),
        sa.Column("normalized_name", sa.String(500), nullable=False),
        sa.Column("org_type", sa.String(20), nullable=False),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("address_line1", sa.String(200), nullable=False),
        sa.Column("address_line2", sa.String(200), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("region", sa.String(100), nullable=False),
        sa.Column("postal_code", sa.String(30), nullable=False),
        sa.Column("vat_id", sa.String(40), nullable=False),
        sa.Column("website", sa.String(300), nullable=False),
        sa.Column("lf_membership", sa.String(10), nullable=False),
        sa.Column("founding_member", sa.Boolean(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_mime", sa.String(50), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("tier", sa.String(10), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("member_since", sa.Date(), nullable=True),
        sa.Column("term_end", sa.Date(), nullable=True),
        sa.Column("billing_contact", sa.String(400), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
    )
    create_indexes(
        "organizations", "display_name", "normalized_name", "employees", "country", "vat_id",
        "tier", "status", "term_end", "billing_contact",
    )  # fmt: skip

    create_owned_table(
        "contacts",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("phone", sa.String(60), nullable=False),
        sa.Column("job_title", sa.String(200), nullable=False),
        sa.Column("roles", sa.String(200), nullable=False),
        indexed=("email",),
    )

    create_owned_table(
        "membership_terms",
        sa.Column("tier", sa.String(10), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        indexed=("end_date",),
    )

    create_owned_table(
        "tier_changes",
        sa.Column("from_tier", sa.String(10), nullable=True),
        sa.Column("to_tier", sa.String(10), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )

    create_owned_table(
        "membership_applications",
        sa.Column("tier", sa.String(10), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("questionnaire_received_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
    )

    create_owned_table(
        "testimonials",
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("published_where", sa.String(300), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "testimonials", "membership_applications", "tier_changes", "membership_terms",
        "contacts", "organizations",
    ):  # fmt: skip
        op.drop_table(table)
    with op.batch_alter_table("foundation_settings") as batch:
        batch.drop_column("associate_eligible_types")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_index(op.f("ix_audit_log_owner_id"))
        batch.drop_column("owner_id")
