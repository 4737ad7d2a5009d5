"""Pytest fixtures for PostgreSQL: a server for the session and a fresh database per test.

The server is the one ``PTF_TEST_POSTGRES_URL`` names, else a throwaway cluster started
in a temporary folder (helpers.postgres_cluster). Tests that need PostgreSQL are skipped,
saying why, only when neither is possible here. Each test gets its own database, copied
from a template migrated once per session (copying takes a fraction of migrating).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from helpers import postgres_cluster

_TEMPLATE = f"ptf_template_{os.getpid()}"


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database for this test session."""
    configured = os.environ.get(postgres_cluster.URL_VARIABLE)
    if configured:
        yield configured
        return
    reason = postgres_cluster.unavailable_reason()
    if reason is not None:
        pytest.skip(f"no PostgreSQL for this test: {reason}")
    cluster = postgres_cluster.start()
    try:
        yield cluster.url
    finally:
        cluster.stop()


def database_url(server_url: str, name: str) -> str:
    """The URL of another database on the same server."""
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _admin(server_url: str) -> Any:
    from ptf_desktop.persistence.postgres import normalized_url

    return create_engine(normalized_url(server_url), isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_template(postgres_server_url: str) -> Iterator[str]:
    """Name of a database migrated to the newest schema, to copy for each test."""
    from ptf_desktop.persistence.postgres import make_postgres_engine, upgrade_postgres

    admin = _admin(postgres_server_url)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{_TEMPLATE}"'))
        connection.execute(text(f'CREATE DATABASE "{_TEMPLATE}"'))
    engine = make_postgres_engine(database_url(postgres_server_url, _TEMPLATE))
    upgrade_postgres(engine)
    engine.dispose()
    try:
        yield _TEMPLATE
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{_TEMPLATE}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def sync_server_template(postgres_server_url: str) -> Iterator[str]:
    """Name of a database made by ``ptf-server db upgrade`` once, to copy for each sync test."""
    from helpers.sync_server import run_server_command

    name = f"ptf_sync_template_{os.getpid()}"
    admin = _admin(postgres_server_url)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    upgraded = run_server_command(database_url(postgres_server_url, name), "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    try:
        yield name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sync_database_url(postgres_server_url: str, sync_server_template: str) -> Iterator[str]:
    """URL of a new database with the team server's schema (no devices, no rows)."""
    yield from _fresh_database(postgres_server_url, template=sync_server_template)


@pytest.fixture
def empty_postgres_url(postgres_server_url: str) -> Iterator[str]:
    """URL of a new, empty database (no tables), dropped after the test."""
    yield from _fresh_database(postgres_server_url, template=None)


@pytest.fixture
def postgres_url(postgres_server_url: str, postgres_template: str) -> Iterator[str]:
    """URL of a new database with the newest schema, dropped after the test."""
    yield from _fresh_database(postgres_server_url, template=postgres_template)


def _fresh_database(server_url: str, template: str | None) -> Iterator[str]:
    name = f"ptf_test_{uuid.uuid4().hex[:12]}"
    admin = _admin(server_url)
    copy = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    try:
        yield database_url(server_url, name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def postgres_context(url: str, path: Path) -> Any:
    """An AppContext whose services work on the PostgreSQL database at ``url``.

    ``path`` only names the context (nothing is written there).
    """
    from ptf_desktop.persistence.engine import make_session_factories
    from ptf_desktop.persistence.opening import OpenedDatabase
    from ptf_desktop.persistence.postgres import make_postgres_engine
    from ptf_desktop.services.context import AppContext

    context = AppContext(OpenedDatabase(path=path, schema_version=0), "tester")
    factories = make_session_factories(make_postgres_engine(url), "tester")
    context.__dict__["factories"] = factories
    return context
