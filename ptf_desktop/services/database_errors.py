"""Turning storage failures inside a service call into messages the user can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from ..persistence.engine import SessionFactories
from ..persistence.errors import problem_from_error


@contextmanager
def translating_database_errors(factories: SessionFactories) -> Iterator[None]:
    """Re-raise a locked, damaged or full database as a DatabaseProblem; bugs pass through."""
    try:
        yield
    except (DBAPIError, OSError) as error:
        problem = problem_from_error(error, Path(factories.engine.url.database or ""))
        if problem is None:
            raise
        raise problem from error
