"""When a paying term counts as held (a setting), and the elected Governing Board seats."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import owned

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    with op.batch_alter_table("foundation_settings") as batch:
        batch.add_column(
            sa.Column("term_held_when", sa.String(10), nullable=False, server_default="issued")
        )
    op.create_table(
        "elected_board_seats",
        *owned("elected_board_seats"),
        sa.Column("representative", sa.String(200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_index(
        op.f("ix_elected_board_seats_organization_id"), "elected_board_seats", ["organization_id"]
    )


def downgrade() -> None:
    op.drop_table("elected_board_seats")
    with op.batch_alter_table("foundation_settings") as batch:
        batch.drop_column("term_held_when")
