"""Certificate verification keys: a row per key, and each certificate names its key.

Two laptops that each made a verification key offline used to end with one of them
after syncing, and the certificates made with the other stopped verifying. Keys are now
rows of ``certificate_verification_keys``, named by their fingerprint (the SHA-256 of
the key; the row id is derived from it, so the same key migrated on two laptops and on
the server is the same row), and ``certificates.verification_key_id`` names the key of
each certificate's code.

The database's current key (``certificate_keys.verification_key``) is copied into the new
table and every existing certificate is linked to it. The old column stays, holding a
key, for clients of the previous schema version, which still issue with it.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

import hashlib
import uuid

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import synced

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# Frozen copy of models.certificates.VERIFICATION_KEY_NAMESPACE (a test keeps them equal).
_KEY_NAMESPACE = uuid.UUID("0b6c54a2-3f5e-4d7a-9c61-7a1e2f3d4b5c")
# The foreign key's name, as the naming convention makes it (PostgreSQL keeps 63 characters).
_KEY_REFERENCE = "fk_certificates_verification_key_id_certificate_verification_keys"

_keys = sa.table(
    "certificate_verification_keys",
    sa.column("id", sa.Uuid()),
    sa.column("row_version", sa.Integer()),
    sa.column("created_at", sa.DateTime()),
    sa.column("updated_at", sa.DateTime()),
    sa.column("deleted", sa.Boolean()),
    sa.column("fingerprint", sa.String()),
    sa.column("key", sa.LargeBinary()),
)
_legacy = sa.table(
    "certificate_keys",
    sa.column("verification_key", sa.LargeBinary()),
    sa.column("created_at", sa.DateTime()),
)
_certificates = sa.table("certificates", sa.column("verification_key_id", sa.Uuid()))


def upgrade() -> None:
    op.create_table(
        "certificate_verification_keys",
        *synced("certificate_verification_keys"),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("key", sa.LargeBinary(), nullable=False),
        sa.UniqueConstraint(
            "fingerprint", name=op.f("uq_certificate_verification_keys_fingerprint")
        ),
    )
    _add_key_column()
    _move_the_current_key()


def _add_key_column() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # A plain ADD COLUMN with its reference: a batch copy of the certificates table
        # would be refused while terms and certificates refer to it.
        op.execute(
            "ALTER TABLE certificates ADD COLUMN verification_key_id CHAR(32) "
            f"CONSTRAINT {_KEY_REFERENCE} "
            "REFERENCES certificate_verification_keys (id)"
        )
        return
    op.add_column("certificates", sa.Column("verification_key_id", sa.Uuid(), nullable=True))
    op.create_foreign_key(
        op.f(_KEY_REFERENCE), "certificates", "certificate_verification_keys",
        ["verification_key_id"], ["id"],
    )  # fmt: skip


def _move_the_current_key() -> None:
    bind = op.get_bind()
    legacy = bind.execute(sa.select(_legacy.c.verification_key, _legacy.c.created_at)).first()
    if legacy is None:
        return  # no key was ever made: the first certificate makes one
    key, made = bytes(legacy.verification_key), legacy.created_at
    fingerprint = hashlib.sha256(key).hexdigest()
    key_id = uuid.uuid5(_KEY_NAMESPACE, fingerprint)
    on_server = bind.dialect.name != "sqlite"
    bind.execute(_keys.insert().values(
        id=key_id, row_version=1 if on_server else 0, created_at=made, updated_at=made,
        deleted=False, fingerprint=fingerprint, key=key,
    ))  # fmt: skip
    bind.execute(_certificates.update().values(verification_key_id=key_id))
    if on_server:
        _log_on_server(key_id)
    else:
        _send_from_laptop()


def _log_on_server(key_id: uuid.UUID) -> None:
    """On the team server, log the key so that every laptop pulls it."""
    # The change log's triggers are made after the migrations: the row is logged by hand.
    if op.get_bind().execute(sa.text("SELECT to_regclass('sync_change_log')")).scalar():
        op.get_bind().execute(
            sa.text("INSERT INTO sync_change_log (table_name, row_id, row_version) "
                    "VALUES ('certificate_verification_keys', :id, 1)"),
            {"id": key_id},
        )  # fmt: skip


def _send_from_laptop() -> None:
    """On a laptop that syncs, queue the key for the server (it may have been made offline).

    The change is what the table's capture trigger, made after the migrations, would
    have written.
    """
    op.execute("""
        INSERT INTO sync_outbox (change_id, table_name, row_id, op, base_version, fields, old)
        SELECT lower(hex(randomblob(16))), 'certificate_verification_keys', id, 'insert', 0,
               json_object('id', id, 'created_at', created_at, 'updated_at', updated_at,
                           'deleted', deleted, 'fingerprint', fingerprint, 'key', hex(key)),
               '{}'
        FROM certificate_verification_keys
        WHERE (SELECT value FROM sync_local_state WHERE key = 'capture') = 'on'
    """)


def downgrade() -> None:
    from ptf_desktop.persistence.sync import capture

    # The capture triggers name every column; they are made again after a migration.
    capture.uninstall(op.get_bind())
    if op.get_bind().dialect.name == "sqlite":
        op.drop_column("certificates", "verification_key_id")  # SQLite 3.35's DROP COLUMN
    else:
        op.drop_constraint(op.f(_KEY_REFERENCE), "certificates", type_="foreignkey")
        op.drop_column("certificates", "verification_key_id")
    op.drop_table("certificate_verification_keys")
