"""The sync tables: devices, the change log (stamped with xid8), applied batches, conflicts.

Revision ID: s0001
Revises:
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_devices",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("user_email", sa.String(320), nullable=False),
        sa.Column("device_code", sa.String(8), nullable=False, unique=True),
        sa.Column("enrolment_hash", sa.String(64), unique=True),
        sa.Column("token_hash", sa.String(64), unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.Column("last_seen_at", sa.DateTime(timezone=True)),
        sa.Column("seeded", sa.Boolean(), nullable=False, server_default=sa.text("false")),
    )
    # xid8: the 64-bit transaction id, which never wraps around.
    op.execute("CREATE SEQUENCE sync_change_log_seq")
    op.execute(
        """
        CREATE TABLE sync_change_log (
            xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            seq bigint NOT NULL DEFAULT nextval('sync_change_log_seq') PRIMARY KEY,
            table_name varchar(63) NOT NULL,
            row_id uuid NOT NULL,
            row_version bigint NOT NULL
        )"""
    )
    op.execute("CREATE INDEX ix_sync_change_log_cursor ON sync_change_log (xid, seq)")
    # Which rows a pull page's parents are, and whether a device may lack them.
    op.execute("CREATE INDEX ix_sync_change_log_row_id ON sync_change_log (row_id, xid, seq)")
    # Append-only: the log is never edited nor pruned by the application.
    op.execute(
        """
        CREATE FUNCTION sync_change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'sync_change_log is append-only';
        END $$"""
    )
    op.execute(
        "CREATE TRIGGER sync_change_log_append_only BEFORE UPDATE OR DELETE ON sync_change_log "
        "FOR EACH ROW EXECUTE FUNCTION sync_change_log_append_only()"
    )
    op.create_table(
        "sync_applied_batches",
        sa.Column("batch_id", sa.Uuid(), primary_key=True),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("response", JSONB(), nullable=False),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("table_name", sa.String(63), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("base_value", JSONB()),
        sa.Column("device_value", JSONB()),
        sa.Column("server_value", JSONB()),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("change_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True)),
        sa.Column("resolution", sa.String(10)),
    )
    op.create_index("ix_sync_conflicts_open", "sync_conflicts", ["resolved_at"])
    op.create_table(
        "sync_server_settings",
        sa.Column("key", sa.String(50), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in ("sync_server_settings", "sync_conflicts", "sync_applied_batches",
                  "sync_change_log", "sync_devices"):  # fmt: skip
        op.drop_table(table)
    op.execute("DROP SEQUENCE sync_change_log_seq")
    op.execute("DROP FUNCTION sync_change_log_append_only()")
