"""When a paying term counts as held (a setting), and the elected Governing Board seats."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import columns, create_owned_table

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    with op.batch_alter_table("foundation_settings") as batch:
        batch.add_column(
            sa.Column("term_held_when", sa.String(10), nullable=False, server_default="issued")
        )
    create_owned_table(
        "elected_board_seats",
        *columns(
            representative=sa.String(200), starts_on=sa.Date(), ends_on=sa.Date(), note=sa.Text(),
        ),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("elected_board_seats")
    with op.batch_alter_table("foundation_settings") as batch:
        batch.drop_column("term_held_when")
