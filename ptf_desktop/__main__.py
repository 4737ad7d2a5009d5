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

from . import APP_NAME, __version__
from .logging_setup import setup_logging
from .paths import DATABASE_ENV, AppPaths, resolve_paths

log = logging.getLogger(__name__)


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
    log_file = setup_logging(paths.log_dir)
    log.info("%s %s starting; database %s", APP_NAME, __version__, paths.database)
    from .private_files import clean_leftovers

    clean_leftovers()  # what an earlier, killed run left: partial files, private temporaries

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
    window = _open_main_window(paths, create=not given)
    if window is None:
        return 1
    if arguments.exit_when_idle:
        from .ui.application import exit_when_idle

        exit_when_idle(app)
    else:
        from .ui.warm_up import warm_up_soon

        warm_up_soon()
    return app.exec()


def _open_main_window(paths: AppPaths, create: bool = True) -> object | None:
    """Open the database (asking the user what to do if it cannot be used) and show the window."""
    from .ui.main_window import MainWindow
    from .ui.startup import open_database_interactively

    context = open_database_interactively(paths.database, create=create)
    if context is None:
        return None
    window = MainWindow(context, paths)
    window.show()
    from .ui.automatic_backup import start_automatic_backup_soon

    start_automatic_backup_soon(window)
    from .ui.pages.renewals.status_check import check_statuses_soon

    check_statuses_soon(window)
    return window


if __name__ == "__main__":
    sys.exit(main())
