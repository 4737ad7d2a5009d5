"""The member register: organizations, contacts, terms, tier changes, applications, testimonials.

Also: the audit trail learns which record's history a change belongs to (owner_id), and
the settings learn which organization types may be Associate members.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import (
    columns,
    create_indexes,
    create_owned_table,
    nullable,
    synced,
)

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
        *columns(
            display_name=sa.String(300), legal_name=sa.String(500), normalized_name=sa.String(500),
            org_type=sa.String(20), employees=nullable(sa.Integer()), country=sa.String(2),
            address_line1=sa.String(200), address_line2=sa.String(200), city=sa.String(100),
            region=sa.String(100), postal_code=sa.String(30), vat_id=sa.String(40),
            website=sa.String(300), lf_membership=sa.String(10), founding_member=sa.Boolean(),
            logo=nullable(sa.LargeBinary()), logo_mime=sa.String(50), notes=sa.Text(),
            tier=nullable(sa.String(10)), status=sa.String(10), member_since=nullable(sa.Date()),
            term_end=nullable(sa.Date()), billing_contact=sa.String(400), search_text=sa.Text(),
        ),
    )  # fmt: skip
    create_indexes(
        "organizations", "display_name", "normalized_name", "employees", "country", "vat_id",
        "tier", "status", "term_end", "billing_contact",
    )  # fmt: skip

    create_owned_table(
        "contacts",
        *columns(
            name=sa.String(200), email=sa.String(320), phone=sa.String(60),
            job_title=sa.String(200), roles=sa.String(200),
        ),
        indexed=("email",),
    )  # fmt: skip

    create_owned_table(
        "membership_terms",
        *columns(
            tier=sa.String(10), start_date=sa.Date(), end_date=sa.Date(),
        ),
        indexed=("end_date",),
    )  # fmt: skip

    create_owned_table(
        "tier_changes",
        *columns(
            from_tier=nullable(sa.String(10)), to_tier=sa.String(10), effective_date=sa.Date(),
            note=sa.Text(),
        ),
    )  # fmt: skip

    create_owned_table(
        "membership_applications",
        *columns(
            tier=sa.String(10), applied_on=sa.Date(), questionnaire_received_on=nullable(sa.Date()),
            decided_on=nullable(sa.Date()), outcome=sa.String(10), notes=sa.Text(),
        ),
    )  # fmt: skip

    create_owned_table(
        "testimonials",
        *columns(
            person=sa.String(200), text=sa.Text(), given_on=sa.Date(), approved=sa.Boolean(),
            published_where=sa.String(300),
        ),
    )  # fmt: skip


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
