"""What the command groups share: parsing a date argument and opening the database.

Each command opens the database for its own work and closes it before it prints, so a
second ``ptf`` run (or the window) is never kept waiting by a finished command.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from ..domain.validation import iso_date
from ..paths import AppPaths
from ..services.context import AppContext, open_context


def parse_date(text: str) -> date:
    """An ISO date from the command line (argparse reports the error)."""
    try:
        return iso_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


@contextmanager
def command_context(paths: AppPaths) -> Iterator[AppContext]:
    """An open context for one command, closed when the block ends."""
    context = open_context(paths.database)
    try:
        yield context
    finally:
        context.close()
