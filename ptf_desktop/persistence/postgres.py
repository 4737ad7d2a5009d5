"""PostgreSQL engines: the team server's database has the laptops' schema, migrated the same way.

The laptops' local store is SQLite; the team server keeps the same tables on PostgreSQL
15 or later through psycopg 3. Only this module knows how a PostgreSQL URL is spelled
for SQLAlchemy.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from .schema import upgrade_connection


def normalized_url(url: str) -> str:
    """The URL with the psycopg 3 driver named (``postgresql://`` means psycopg 3 here).

    Raises:
        ValueError: the URL is not a PostgreSQL URL.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"not a PostgreSQL URL: {parsed.render_as_string(hide_password=True)}")
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def make_postgres_engine(url: str, pool_size: int = 5) -> Engine:
    """An engine on a PostgreSQL database (psycopg 3), connections checked before use."""
    return create_engine(normalized_url(url), pool_size=pool_size, pool_pre_ping=True)


def upgrade_postgres(engine: Engine) -> None:
    """Create or migrate the application's tables in one transaction."""
    with engine.begin() as connection:
        upgrade_connection(connection)
