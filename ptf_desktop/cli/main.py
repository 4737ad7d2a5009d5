"""Entry point of the ``ptf`` command: global options, sub-commands, and error reporting.

A problem the user can fix, or the machine's state (disk full, no permission), prints
one line ``ptf: error: ...`` on standard error and exits 1; usage errors exit 2
(argparse). A bug prints one line naming the log file, where its traceback is written:
the command line logs to the same rotating file as the window. Output cut short by its
reader (``ptf organizations list | head``) ends the command quietly, as Unix tools do.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .. import __version__
from ..domain.errors import UserError
from ..logging_setup import setup_logging
from ..paths import AppPaths, resolve_paths
from ..private_files import clean_leftovers
from ..services import database_service
from . import (
    billing_commands,
    certificate_commands,
    db_commands,
    demo_commands,
    export_commands,
    fees_commands,
    invoice_commands,
    money_commands,
    organization_commands,
    renewal_commands,
    report_commands,
    settings_commands,
    sync_commands,
)
from .output import EscapingStream

EXIT_USER_ERROR = 1
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a tool ended by SIGPIPE

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one ``ptf: error:`` line like every other error."""

    def error(self, message: str) -> NoReturn:
        """Print the problem and where help is, then exit 2."""
        self.exit(2, f"ptf: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = _Parser(
        prog="ptf", description="PTF Desktop on the command line: the member register's tools."
    )
    parser.add_argument("--version", action="version", version=f"ptf {__version__}")
    parser.add_argument(
        "--database",
        metavar="PATH",
        help="the database file (default: $PTF_DATABASE, or the one in the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    db_commands.register(commands)
    settings_commands.register(commands)
    demo_commands.register(commands)
    organization_commands.register(commands)
    fees_commands.register(commands)
    renewal_commands.register(commands)
    invoice_commands.register(commands)
    billing_commands.register(commands)
    money_commands.register(commands)
    export_commands.register(commands)
    report_commands.register(commands)
    certificate_commands.register(commands)
    sync_commands.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``ptf`` command and return its exit status."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    paths = resolve_paths(arguments.database)
    log_file = setup_logging(paths.log_dir, stderr_fallback=False)
    clean_leftovers()  # what an earlier, killed run left: partial files, private temporaries
    stdout, stderr = sys.stdout, sys.stderr
    if stdout is not None and stderr is not None:  # None: started without a console
        sys.stdout, sys.stderr = EscapingStream(stdout), EscapingStream(stderr)
    try:
        return _run(arguments, paths, log_file)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _run(arguments: argparse.Namespace, paths: AppPaths, log_file: Path | None) -> int:
    """Run the chosen sub-command, turning every failure into an exit status."""
    try:
        if not _creates_database(arguments):
            # Only `db upgrade` and `sync join` may create a database: a mistyped path,
            # an empty file or a FIFO is refused here, before any command opens it.
            for moved in database_service.require_database(paths.database):
                warning = database_service.describe_set_aside(paths.database, moved, False)
                print(f"ptf: warning: {warning}", file=sys.stderr)
        status: int = arguments.run(arguments, paths)
    except UserError as error:
        return _error(str(error))
    except KeyboardInterrupt:
        print("ptf: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_gone()
    except (OSError, MemoryError) as error:  # the machine's state: disk full, no permission
        log.warning("ptf %s: %r", arguments.command, error)
        return _error(_machine_problem(error))
    except Exception as error:  # a bug: one line here, the traceback in the log
        log.exception("ptf %s failed", arguments.command)
        where = f"; the details are in {log_file}" if log_file else ""
        return _error(f"an unexpected problem ({type(error).__name__}: {error}){where}")
    return status


def _creates_database(arguments: argparse.Namespace) -> bool:
    # `sync join` too: a new laptop joins a team with a database that does not exist yet.
    if arguments.command == "db":
        return bool(arguments.db_command == "upgrade")
    return bool(arguments.command == "sync" and getattr(arguments, "sync_command", "") == "join")


def _error(message: str) -> int:
    print(f"ptf: error: {message}", file=sys.stderr)  # the stream escapes what came from data
    return EXIT_USER_ERROR


def _machine_problem(error: BaseException) -> str:
    if isinstance(error, MemoryError):
        return "the computer ran out of memory."
    assert isinstance(error, OSError)
    reason = error.strerror or str(error)
    name = error.filename
    return f"{reason}: {Path(os.fsdecode(name))}" if name else f"{reason}."


def _reader_gone() -> int:
    """The reader of our output went away: stop quietly, like ``cat`` or ``grep``."""
    try:
        # Python flushes standard output again at exit, which would fail the same way.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # standard output is no real file (a test's capture)
        pass
    return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
