"""Logging to a rotating file in the user log folder, set up once by a composition root.

Records go to the file from the first line of start-up; the rotation (1 MB per file,
5 files kept) starts with :func:`start_rotation`, which the GUI calls once its window is
on screen: the rotating handler's module loads sockets and pickling, which start-up
need not wait for.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_FILE_NAME = "ptf-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"


def setup_logging(
    log_dir: Path,
    level: int = logging.INFO,
    *,
    rotate: bool = True,
    stderr_fallback: bool = True,
) -> Path | None:
    """Send log records to ``log_dir/ptf-desktop.log`` (1 MB per file, 5 files kept).

    The window and the command line share the file; each record names its process.

    Args:
        log_dir: the user log folder (created when missing).
        level: the lowest level kept.
        rotate: rotate the file from now on; False appends until :func:`start_rotation`.
        stderr_fallback: when the folder cannot be written, send records to standard
            error (the window) rather than drop them (the command line, whose standard
            error is for its one-line messages).

    Returns:
        The log file, or None when the folder cannot be written (the app still runs).
    """
    root = logging.getLogger()
    root.setLevel(level)
    log_file = log_dir / LOG_FILE_NAME
    for existing in root.handlers:  # set up already (the command line run twice in a process)
        if getattr(existing, "baseFilename", None) == str(log_file.absolute()):
            return log_file
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = (
            _rotating_handler(log_file) if rotate else logging.FileHandler(log_file, "a", "utf-8")
        )
    except OSError:
        fallback = logging.StreamHandler() if stderr_fallback else logging.NullHandler()
        handler, log_file = fallback, None  # type: ignore[assignment]
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return log_file


def start_rotation(log_file: Path | None) -> None:
    """Replace the plain handler of ``log_file`` by a rotating one (nothing when none)."""
    root = logging.getLogger()
    plain = [
        handler
        for handler in root.handlers
        if type(handler) is logging.FileHandler and Path(handler.baseFilename) == log_file
    ]
    if log_file is None or not plain:
        return
    try:
        rotating = _rotating_handler(log_file)
    except OSError:
        return  # the folder went away: keep appending where we can
    rotating.setFormatter(plain[0].formatter)
    root.addHandler(rotating)
    for handler in plain:
        root.removeHandler(handler)
        handler.close()


def _rotating_handler(log_file: Path) -> logging.Handler:
    import logging.handlers

    return logging.handlers.RotatingFileHandler(
        log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
