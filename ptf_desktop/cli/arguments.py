"""What the command groups share: parsers, date arguments, list commands, opening the database.

Each command opens the database for its own work and closes it before it prints, so a
second ``ptf`` run (or the window) is never kept waiting by a finished command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from ..domain.validation import iso_date
from ..paths import AppPaths
from ..services.context import AppContext, open_context
from .text_table import print_listing


def parse_date(text: str) -> date:
    """An ISO date from the command line (argparse reports the error)."""
    try:
        return iso_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def command_group(commands: Any, name: str, help_text: str, *, dest: str = "") -> Any:
    """Add ``ptf NAME ACTION`` and return the parser its actions are added to.

    Args:
        commands: the sub-command parsers to add the group to.
        name: the group's name on the command line.
        help_text: the group's one-line help.
        dest: where the chosen action is stored (default ``<name>_command``).

    Returns:
        The group's sub-command parsers (every group requires an action).
    """
    group = commands.add_parser(name, help=help_text)
    return group.add_subparsers(dest=dest or f"{name}_command", metavar="ACTION", required=True)


def date_option(
    parser: argparse.ArgumentParser,
    flag: str,
    help_text: str | None = None,
    *,
    required: bool = False,
) -> None:
    """Add an option taking an ISO date (``YYYY-MM-DD``), parsed by :func:`parse_date`."""
    parser.add_argument(
        flag, metavar="YYYY-MM-DD", type=parse_date, help=help_text, required=required
    )


def list_command(
    fetch: Callable[[AppContext, argparse.Namespace], Sequence[Any]], **listing: Any
) -> Callable[[argparse.Namespace, AppPaths], int]:
    """A ``list`` command: reads its rows in one context, then prints them.

    Args:
        fetch: the rows, from the open context and the command's arguments.
        **listing: how they are printed (``text_table.print_listing``); ``as_json``
            applies when the command was given ``--json``.
    """
    as_json = listing.pop("as_json", None)

    def run(arguments: argparse.Namespace, paths: AppPaths) -> int:
        with command_context(paths) as context:
            rows = fetch(context, arguments)
        wanted = as_json if getattr(arguments, "json", False) else None
        return print_listing(rows, as_json=wanted, **listing)

    return run


@contextmanager
def command_context(paths: AppPaths) -> Iterator[AppContext]:
    """An open context for one command, closed when the block ends."""
    context = open_context(paths.database)
    try:
        yield context
    finally:
        context.close()
