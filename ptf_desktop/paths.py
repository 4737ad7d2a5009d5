"""Where the application keeps its files, resolved once at start-up.

The database is, in order of precedence: ``--database PATH``, the ``PTF_DATABASE``
environment variable, or ``ptf-desktop.sqlite`` in the user data directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import APP_ID

DATABASE_ENV = "PTF_DATABASE"
DEFAULT_DATABASE_NAME = "ptf-desktop.sqlite"


@dataclass(frozen=True)
class AppPaths:
    """The folders and files of one run of the application."""

    data_dir: Path
    log_dir: Path
    database: Path


def resolve_paths(
    database: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> AppPaths:
    """Resolve the data folder, log folder and database file for this run.

    Args:
        database: the ``--database`` option, if given.
        environ: the environment (``os.environ`` by default).
    """
    import platformdirs

    environ = os.environ if environ is None else environ
    data_dir = Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    log_dir = Path(platformdirs.user_log_dir(APP_ID, appauthor=False))
    chosen = database or environ.get(DATABASE_ENV) or data_dir / DEFAULT_DATABASE_NAME
    return AppPaths(
        data_dir=data_dir, log_dir=log_dir, database=Path(chosen).expanduser().absolute()
    )
