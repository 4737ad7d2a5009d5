"""The GUI's composition root: ``ptf-desktop`` and ``python -m ptf_desktop`` start here.

In order: arguments, logging, the crash handler, paths, the database (opened, backed up
and migrated if needed), the application context, QApplication, the main window.
Nothing later looks up a global application object; the context is passed down.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import APP_NAME, __version__
from .logging_setup import setup_logging, start_rotation
from .paths import DATABASE_ENV, AppPaths, resolve_paths

# What the window needs that does not use Qt is loaded before PySide6 on purpose: once
# loaded, PySide6 reads the source of every module imported after it (looking for
# ``from __feature__`` imports), about half a millisecond a module of start-up.
from .resources import resource_path  # noqa: F401
from .services import context as _context  # noqa: F401
from .services import errors as _errors  # noqa: F401
from .ui import pages as _pages  # noqa: F401

if TYPE_CHECKING:
    from .ui.main_window import MainWindow

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.0005


def parse_arguments(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Parse our options; the rest (Qt's own, such as -platform) goes to QApplication."""
    parser = argparse.ArgumentParser(prog="ptf-desktop", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--version", action="version", version=f"ptf-desktop {__version__}")
    parser.add_argument("--database", metavar="PATH", help="open this database file")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open a fresh temporary database, load every bundled resource, show the main "
        "window and exit 0 (used to check a built installer)",
    )
    parser.add_argument(
        "--exit-when-idle",
        action="store_true",
        help="print the wall-clock time when the main window is shown and idle, then exit "
        "(used by the start-up benchmark)",
    )
    return parser.parse_known_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Start the application and return its exit status."""
    arguments, qt_arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if arguments.smoke_test:
        from .ui.smoke_test import run_smoke_test

        return run_smoke_test([sys.argv[0], *qt_arguments])
    paths = resolve_paths(arguments.database)
    log_file = setup_logging(paths.log_dir, rotate=False)  # rotation after the first paint
    log.info("%s %s starting; database %s", APP_NAME, __version__, paths.database)
    from .ui.application import (
        create_application,
        install_crash_handler,
        install_qt_message_handler,
    )

    install_crash_handler(log_file)
    install_qt_message_handler()
    app = create_application([sys.argv[0], *qt_arguments])
    # Only the default database is created when missing; a given path is never created
    # silently (a mistyped name is explained, with New database and Open offered).
    given = arguments.database is not None or bool(os.environ.get(DATABASE_ENV))
    window = open_main_window(paths, create=not given)
    if window is None:
        return 1
    if arguments.exit_when_idle:
        from .ui.application import exit_when_idle

        exit_when_idle(app)
    else:
        after_first_paint(window, log_file)
    return app.exec()


def open_main_window(paths: AppPaths, create: bool = True) -> MainWindow | None:
    """Open the database (asking the user what to do if it cannot be used) and show the window."""
    from .ui.main_window import MainWindow
    from .ui.startup import open_database_interactively

    context = open_database_interactively(paths.database, create=create)
    if context is None:
        return None
    window = MainWindow(context, paths)
    window.show()
    return window


def after_first_paint(window: MainWindow, log_file: Path | None = None) -> None:
    """Once the window is on screen: load the areas' libraries, then the day's checks.

    The log file starts rotating then too (``logging_setup.start_rotation``), and what
    an earlier, killed run left (partial files, private temporaries) is removed: that
    module loads ctypes and subprocess, which the first paint does not need. The wheel
    guard (``ui.wheel_guard``) is installed then too; pages install it when built.

    The day's status check runs in the warm-up's thread, before it reads ahead what the
    areas show (``ui/pages/renewals/status_check``). The day's backup starts when the
    warm-up is done, so that it does not compete with it for the interpreter while a
    person may be clicking.
    """
    from PySide6.QtCore import QTimer

    # While a worker thread runs Python (the warm-up, the day's checks, an export), the
    # GUI thread waits for the interpreter each time a Qt call hands it back: at most
    # 5 ms by default, and a click's handler makes dozens of Qt calls. 0.5 ms keeps the
    # window answering at once.
    sys.setswitchinterval(SWITCH_INTERVAL_S)

    def start_checks() -> None:
        from .ui.automatic_backup import start_automatic_backup
        from .ui.dialogs.setup_checklist import offer_setup_checklist

        offer_setup_checklist(window)
        start_automatic_backup(window)

    def start_warm_up() -> None:
        from .private_files import clean_leftovers
        from .ui.wheel_guard import install_wheel_guard

        # Not before: an application-wide Python event filter makes PySide6 build the
        # Python types of Qt's private objects, tens of milliseconds. No spin box or combo
        # box can have been under the pointer before the window was on screen.
        install_wheel_guard()
        start_rotation(log_file)
        clean_leftovers()  # only processes no longer running: this one's files are kept
        from .ui.pages.renewals.status_check import day_status_check

        # The window that has the file for writing checks the day's statuses.
        day_check = None if window.context.read_only else day_status_check()
        window.start_warm_up(then=start_checks, day_check=day_check)

    QTimer.singleShot(0, window, start_warm_up)


if __name__ == "__main__":
    sys.exit(main())
