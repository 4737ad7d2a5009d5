"""Schema migrations: the scripts match the models, and upgrading an old file backs it up first."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from ptf_desktop.persistence import database_file, opening, schema, search_index
from ptf_desktop.persistence.backups import list_backups
from ptf_desktop.persistence.base import Base
from ptf_desktop.persistence.engine import make_engine
from ptf_desktop.persistence.opening import open_database
from ptf_desktop.services.context import open_context

EXTRA_MIGRATION = '''
"""Test-only migration: adds a column, as a later version of the app would."""
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("foundation_settings") as batch:
        batch.add_column(sa.Column("motto", sa.String(100), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("foundation_settings") as batch:
        batch.drop_column("motto")
'''


def test_schema_version_constant_is_alembics_head() -> None:
    assert schema.head_revision() == f"{database_file.SCHEMA_VERSION:04d}"


def test_migrations_create_exactly_what_the_models_describe(database_path: Path) -> None:
    open_database(database_path)
    engine = make_engine(database_path)
    with engine.connect() as connection:
        # The SQLite-only search index is derived data, not a model (as in env.py).
        options = {"include_name": search_index.include_name}
        migration_context = MigrationContext.configure(connection, opts=options)
        differences = compare_metadata(migration_context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_an_older_database_is_backed_up_then_migrated(
    database_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = open_context(database_path)
    context.settings.save({"signatory_name": "Ada Lovelace"})
    context.close()
    newer = database_file.SCHEMA_VERSION + 1
    _install_extra_migration(tmp_path, monkeypatch, newer)

    opened = open_database(database_path)

    assert opened.schema_version == newer
    assert opened.migration_backup is not None
    assert [b.path for b in list_backups(database_path)] == [opened.migration_backup]
    assert database_file.read_schema_version(opened.migration_backup) == newer - 1
    with closing(sqlite3.connect(database_path)) as connection:
        row = connection.execute("SELECT signatory_name, motto FROM foundation_settings").fetchone()
    assert row == ("Ada Lovelace", "")


def test_a_failing_migration_leaves_the_file_as_it_was(
    database_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = open_database(database_path).schema_version
    with closing(sqlite3.connect(database_path)) as connection:
        before = connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    folder = _install_extra_migration(tmp_path, monkeypatch, current + 1)
    script = next(folder.glob("versions/9*.py"))
    script.write_text(script.read_text().replace('"foundation_settings"', '"no_such_table"'))

    with pytest.raises(Exception, match="no_such_table"):
        open_database(database_path)

    with closing(sqlite3.connect(database_path)) as connection:
        after = connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert after == before
    assert database_file.read_schema_version(database_path) == current


def _install_extra_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newer: int) -> Path:
    """Copy the migrations and add one more, as if this were the next version of the app."""
    folder = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, folder)
    (folder / "versions" / f"9{newer:04d}_motto.py").write_text(
        EXTRA_MIGRATION.format(revision=f"{newer:04d}", down=f"{newer - 1:04d}")
    )
    monkeypatch.setattr(schema, "MIGRATIONS", folder)
    monkeypatch.setattr(database_file, "SCHEMA_VERSION", newer)
    monkeypatch.setattr(opening, "SCHEMA_VERSION", newer)
    return folder
