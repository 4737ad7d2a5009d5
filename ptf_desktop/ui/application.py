"""The QApplication, its look, and the crash handler that shows bugs instead of losing them."""

from __future__ import annotations

import logging
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME, ORGANIZATION, __version__
from ..resources import resource_path

log = logging.getLogger(__name__)


def create_application(argv: Sequence[str]) -> QApplication:
    """Create the QApplication with the app's names and icon."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource_path("icons/app.svg"))))
    return app


def install_crash_handler(log_file: Path | None) -> None:
    """Send uncaught exceptions to the log and to a dialog, rather than to a silent stderr."""

    def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.critical("Uncaught exception", exc_info=(kind, error, tb))
        details = "".join(traceback.format_exception(kind, error, tb))
        if QApplication.instance() is None:
            sys.__excepthook__(kind, error, tb)
            return
        from .dialogs.crash_dialog import CrashDialog

        CrashDialog(details, log_file).exec()

    sys.excepthook = handle


def exit_when_idle(app: QApplication) -> None:
    """Print the wall-clock time once the event loop is idle, then quit (start-up benchmark).

    The CPU time used by then follows it (``idle-at WALL cpu SECONDS``).
    """

    def report() -> None:
        print(f"idle-at {time.time():.6f} cpu {time.process_time():.6f}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)
