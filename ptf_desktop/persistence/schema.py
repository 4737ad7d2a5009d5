"""Schema migrations with Alembic, run in code (no alembic.ini needed at run time)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from .database_file import raise_problem
from .engine import make_engine

MIGRATIONS = Path(__file__).with_name("migrations")


def upgrade(path: Path) -> None:
    """Bring a database file to the newest schema in one transaction.

    SQLite runs DDL transactionally, so a failed migration leaves the file as it was.
    """
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            upgrade_connection(connection)
    except (OSError, DBAPIError) as error:
        raise_problem(error, path)
    finally:
        engine.dispose()


def upgrade_connection(connection: Connection, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on an open connection, SQLite or PostgreSQL.

    The caller owns the transaction: on both databases DDL is transactional, so a failed
    migration leaves the schema as it was.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)
    if revision == "head":
        from .sync import capture

        # Generated from the models: a new column is captured the moment it exists.
        capture.install(connection)


def head_revision() -> str:
    """The newest revision id among the migration scripts."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head
