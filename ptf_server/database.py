"""The server's database: migrate it, and capture every write to a synced table.

``upgrade`` runs the laptops' migrations, then the server's own, then (re)creates the
change-capture triggers for every table of the models: a new synced table or column
needs no hand work here. The triggers keep one rule for ``row_version`` on the server
(1 when a row is created, one more at each write) and append each write to the change
log with the writing transaction's id.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, text

from ptf_desktop.persistence import models  # noqa: F401  (registers every table)
from ptf_desktop.persistence.postgres import make_postgres_engine
from ptf_desktop.persistence.schema import upgrade_connection
from ptf_desktop.persistence.sync.capture import synced_tables

SERVER_MIGRATIONS = Path(__file__).with_name("migrations")

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION sync_bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.row_version := 1;
    ELSE
        NEW.row_version := OLD.row_version + 1;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION sync_log_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sync_change_log (table_name, row_id, row_version)
    VALUES (TG_TABLE_NAME, NEW.id, NEW.row_version);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION sync_log_plain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sync_change_log (table_name, row_id, row_version)
    VALUES (TG_TABLE_NAME, NEW.id, 1);
    RETURN NULL;
END $$;
"""


def server_engine(url: str) -> Engine:
    """An engine on the server's PostgreSQL database."""
    return make_postgres_engine(url, pool_size=10)


def upgrade(engine: Engine) -> None:
    """Create or migrate the whole server schema in one transaction."""
    with engine.begin() as connection:
        # One migrator at a time, even with several servers starting together.
        connection.execute(text("SELECT pg_advisory_xact_lock(727001)"))
        upgrade_connection(connection)
        _upgrade_server_tables(connection)
        install_change_capture(connection)
        connection.execute(text(
            "INSERT INTO sync_server_settings (key, value) "
            "VALUES ('server_id', gen_random_uuid()::text) ON CONFLICT DO NOTHING"
        ))  # fmt: skip


def _upgrade_server_tables(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SERVER_MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def install_change_capture(connection: Connection) -> None:
    """(Re)create the row-version and change-log triggers of every table of the models.

    Foreign keys become deferrable, so that a batch can be checked at its commit.
    """
    connection.exec_driver_sql(_FUNCTIONS)
    keys = connection.exec_driver_sql(
        "SELECT conrelid::regclass::text, conname FROM pg_constraint "
        "WHERE contype = 'f' AND NOT condeferrable "
        "AND connamespace = current_schema()::regnamespace"
    ).all()
    for table_name, constraint in keys:
        connection.exec_driver_sql(
            f'ALTER TABLE {table_name} ALTER CONSTRAINT "{constraint}" '
            "DEFERRABLE INITIALLY IMMEDIATE"
        )
    for table in synced_tables():
        versioned = "row_version" in table.c
        if versioned:
            connection.exec_driver_sql(
                f"CREATE OR REPLACE TRIGGER sync_row_version BEFORE INSERT OR UPDATE "
                f"ON {table.name} FOR EACH ROW EXECUTE FUNCTION sync_bump_row_version()"
            )
        function = "sync_log_versioned" if versioned else "sync_log_plain"
        connection.exec_driver_sql(
            f"CREATE OR REPLACE TRIGGER sync_change_log AFTER INSERT OR UPDATE "
            f"ON {table.name} FOR EACH ROW EXECUTE FUNCTION {function}()"
        )


def is_current(engine: Engine) -> bool:
    """Whether the database has the server tables (``ptf-server db upgrade`` has run)."""
    with engine.connect() as connection:
        found = connection.execute(text("SELECT to_regclass('sync_devices')")).scalar()
    return found is not None
