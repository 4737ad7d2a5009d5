"""Alembic environment of the server-only tables: their own history and version table."""

from __future__ import annotations

from alembic import context

from ptf_server.server_tables import server_metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=server_metadata,
    version_table="ptf_server_alembic_version",
)
with context.begin_transaction():
    context.run_migrations()
