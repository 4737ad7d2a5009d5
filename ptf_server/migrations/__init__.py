"""Alembic migrations of the server-only tables."""
