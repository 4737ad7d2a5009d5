"""The number of automatic backups to keep, a setting on the foundation settings row."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    with op.batch_alter_table("foundation_settings") as batch:
        batch.add_column(
            sa.Column("backups_to_keep", sa.Integer(), nullable=False, server_default="14")
        )


def downgrade() -> None:
    with op.batch_alter_table("foundation_settings") as batch:
        batch.drop_column("backups_to_keep")
