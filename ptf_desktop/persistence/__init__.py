"""Storage: the SQLite file, SQLAlchemy models, migrations, backups and the audit trail.

Submodules are imported where they are used: the start-up checks in ``database_file``
use only the standard library, so the main window does not wait for SQLAlchemy.
"""
