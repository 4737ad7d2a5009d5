"""The QApplication, its look, and the handlers that keep bugs and Qt's warnings in view.

The crash handler shows bugs instead of losing them; Qt's own messages go to the log.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME, ORGANIZATION, __version__
from ..resources import resource_path

log = logging.getLogger(__name__)
qt_log = logging.getLogger("ptf_desktop.qt")

# By the enum's name: touching Qt's enums at start-up would cost the window milliseconds.
_QT_LEVELS = {
    "QtDebugMsg": logging.DEBUG,
    "QtInfoMsg": logging.INFO,
    "QtWarningMsg": logging.WARNING,
    "QtCriticalMsg": logging.ERROR,
    "QtFatalMsg": logging.CRITICAL,
}


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


def install_qt_message_handler() -> object:
    """Send Qt's own messages (warnings about layouts, fonts, plugins...) to the log.

    Without it they go to a stderr nobody reads in a GUI application. Returns the handler
    it replaced, to put back with ``qInstallMessageHandler``.
    """

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        where = f" ({context.file}:{context.line})" if context.file else ""
        category = context.category if context.category not in (None, "default") else "qt"
        qt_log.log(_QT_LEVELS.get(kind.name, logging.WARNING), "%s: %s%s", category, message, where)

    return qInstallMessageHandler(handle)


def exit_when_idle(app: QApplication) -> None:
    """Print the wall-clock time once the event loop is idle, then quit (start-up benchmark).

    The CPU time used by then follows it (``idle-at WALL cpu SECONDS``).
    """

    def report() -> None:
        print(f"idle-at {time.time():.6f} cpu {time.process_time():.6f}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)
