"""The laptop's sync tables: the outbox of captured changes, local state, refused changes.

The capture triggers themselves are generated from the models by
``persistence.sync.capture`` after every migration (see ``schema.upgrade``), so a new
column is captured with no migration of its own.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import columns, nullable

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        *columns(
            change_id=sa.String(32), table_name=sa.String(63), row_id=sa.String(32),
            op=sa.String(6), base_version=sa.Integer(), fields=sa.Text(), old=sa.Text(),
            batch_id=nullable(sa.String(32)),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("change_id", name=op.f("uq_sync_outbox_change_id")),
    )  # fmt: skip
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
        *columns(
            change_id=sa.String(32), table_name=sa.String(63), row_id=sa.String(32),
            fields=sa.Text(), reason=sa.Text(), refused_at=sa.DateTime(),
        ),
        sa.PrimaryKeyConstraint("change_id", name=op.f("pk_sync_refused")),
    )  # fmt: skip


def downgrade() -> None:
    from ptf_desktop.persistence.sync import capture

    capture.uninstall(op.get_bind())  # the triggers name sync_local_state
    op.drop_table("sync_refused")
    op.drop_table("sync_local_state")
    op.drop_table("sync_outbox")
