"""When a paying term counts as held (a setting), and the elected Governing Board seats."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import create_owned_table

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    with op.batch_alter_table("foundation_settings") as batch:
        batch.add_column(
            sa.Column("term_held_when", sa.String(10), nullable=False, server_default="issued")
        )
    create_owned_table(
        "elected_board_seats",
        sa.Column("representative", sa.String(200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("elected_board_seats")
    with op.batch_alter_table("foundation_settings") as batch:
        batch.drop_column("term_held_when")
