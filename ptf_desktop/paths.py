"""Where the application keeps its files, resolved once at start-up.

The database is, in order of precedence: ``--database PATH``, the ``PTF_DATABASE``
environment variable, or ``ptf-desktop.sqlite`` in the user data directory.
"""

from __future__ import annotations

import os
import posixpath
import sys
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
    environ = os.environ if environ is None else environ
    data, logs = linux_user_dirs(os.environ) or _platform_user_dirs()
    data_dir, log_dir = Path(data), Path(logs)
    chosen = database or environ.get(DATABASE_ENV) or data_dir / DEFAULT_DATABASE_NAME
    return AppPaths(
        data_dir=data_dir, log_dir=log_dir, database=Path(chosen).expanduser().absolute()
    )


def _platform_user_dirs() -> tuple[str, str]:
    import platformdirs

    return (
        platformdirs.user_data_dir(APP_ID, appauthor=False),
        platformdirs.user_log_dir(APP_ID, appauthor=False),
    )


def linux_user_dirs(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """The data and log folders platformdirs gives on Linux, without importing it.

    Importing platformdirs costs start-up 5-7 ms. Only the plain case is answered here:
    Linux, not Android, an absolute ``HOME``, and ``XDG_DATA_HOME`` and ``XDG_STATE_HOME``
    unset, empty or absolute, where platformdirs (4.2 and later) gives
    ``$XDG_DATA_HOME/ptf-desktop`` (else ``~/.local/share/ptf-desktop``) and
    ``$XDG_STATE_HOME/ptf-desktop/log`` (else ``~/.local/state/ptf-desktop/log``).
    Anything else returns None, and platformdirs decides (tests/test_paths.py compares).

    Args:
        environ: the environment (platformdirs reads ``os.environ``).
    """
    if not sys.platform.startswith("linux") or hasattr(sys, "getandroidapilevel"):
        return None
    if environ.get("ANDROID_DATA") == "/data" and environ.get("ANDROID_ROOT") == "/system":
        return None
    if not posixpath.isabs(environ.get("HOME", "")):
        return None
    home = environ["HOME"].rstrip("/") or "/"  # as os.path.expanduser reads it
    folders: list[str] = []
    for variable, default in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        value = environ.get(variable, "")
        if value and not posixpath.isabs(value):
            return None
        folders.append(posixpath.join(value or posixpath.join(home, default), APP_ID))
    return folders[0], posixpath.join(folders[1], "log")
