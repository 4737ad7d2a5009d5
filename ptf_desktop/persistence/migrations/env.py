"""Alembic environment: migrations run on a connection handed over by schema.upgrade()."""

from __future__ import annotations

from alembic import context

from ptf_desktop.persistence import models, search_index  # noqa: F401  (models: every table)
from ptf_desktop.persistence.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    include_name=search_index.include_name,  # the SQLite-only search index is not a model
)
with context.begin_transaction():
    context.run_migrations()
