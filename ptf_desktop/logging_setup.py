"""Logging to a rotating file in the user log folder, set up once by a composition root."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "ptf-desktop.log"


def setup_logging(
    log_dir: Path, level: int = logging.INFO, *, stderr_fallback: bool = True
) -> Path | None:
    """Send log records to ``log_dir/ptf-desktop.log`` (1 MB per file, 5 files kept).

    The window and the command line share the file; each record names its process.

    Args:
        log_dir: the user log folder.
        level: the lowest level kept.
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
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        fallback = logging.StreamHandler() if stderr_fallback else logging.NullHandler()
        handler, log_file = fallback, None  # type: ignore[assignment]
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s")
    )
    root.addHandler(handler)
    return log_file
