"""Alembic migration scripts; revision ids are zero-padded schema version numbers."""
