"""Entry point of the ``ptf`` command: global options, sub-commands, and error reporting.

A problem the user can fix prints one line on standard error and exits 1; usage errors
exit 2 (argparse); a bug prints its traceback and is logged.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..domain.errors import UserError
from ..paths import resolve_paths
from . import (
    billing_commands,
    certificate_commands,
    db_commands,
    demo_commands,
    export_commands,
    fees_commands,
    invoice_commands,
    organization_commands,
    renewal_commands,
    report_commands,
    sync_commands,
)

EXIT_USER_ERROR = 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
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
    demo_commands.register(commands)
    organization_commands.register(commands)
    fees_commands.register(commands)
    renewal_commands.register(commands)
    invoice_commands.register(commands)
    billing_commands.register(commands)
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
    try:
        status: int = arguments.run(arguments, paths)
    except UserError as error:
        print(f"ptf: error: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("ptf: interrupted", file=sys.stderr)
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())
