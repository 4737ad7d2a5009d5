"""The laptop's sync tables: the outbox of captured changes, local state, refused changes.

The capture triggers themselves are generated from the models by
``persistence.sync.capture`` after every migration (see ``schema.upgrade``), so a new
column is captured with no migration of its own.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("change_id", sa.String(32), nullable=False),
        sa.Column("table_name", sa.String(63), nullable=False),
        sa.Column("row_id", sa.String(32), nullable=False),
        sa.Column("op", sa.String(6), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("old", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("change_id", name=op.f("uq_sync_outbox_change_id")),
    )
    op.create_index(op.f("ix_sync_outbox_row_id"), "sync_outbox", ["row_id"])
    op.create_index(op.f("ix_sync_outbox_batch_id"), "sync_outbox", ["batch_id"])
    op.create_table(
        "sync_local_state",
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_local_state")),
    )
    op.create_table(
        "sync_refused",
        sa.Column("change_id", sa.String(32), nullable=False),
        sa.Column("table_name", sa.String(63), nullable=False),
        sa.Column("row_id", sa.String(32), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("refused_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("change_id", name=op.f("pk_sync_refused")),
    )


def downgrade() -> None:
    from ptf_desktop.persistence.sync import capture

    capture.uninstall(op.get_bind())  # the triggers name sync_local_state
    op.drop_table("sync_refused")
    op.drop_table("sync_local_state")
    op.drop_table("sync_outbox")
