"""Child process for tests/test_crash_safety.py: save settings in a loop until killed.

Usage: ``python crash_writer.py DATABASE``

Opens the database with ``open_context`` and continues the numbering it finds there:
save number ``n`` stores ``signatory_name = "Writer {n}"`` and
``payment_terms_days = n % 366``; every ``BIG_EVERY``-th save also changes several more
fields (see ``changes_for``), so a kill can land in transactions of different sizes.
Only AFTER ``save`` has returned (the transaction is committed) does it print
``committed {n}`` and flush, so every number printed is a promise that the save is stored.
The parent kills it with SIGKILL at a random moment; it never stops on its own.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from ptf_desktop.services.context import open_context

BIG_EVERY = 7
_NAME = re.compile(r"Writer (\d+)")


def changes_for(n: int) -> dict[str, Any]:
    """The settings changes of save number n (n >= 1); the test predicts state from this."""
    changes: dict[str, Any] = {"signatory_name": f"Writer {n}", "payment_terms_days": n % 366}
    if n % BIG_EVERY == 0:
        changes.update(
            signatory_title=f"Title {n}",
            address_line2=f"Suite {n}-" + "x" * (n % 150),
            bank_name=f"Bank {n}",
            billing_email=f"billing{n}@example.org",
        )
    return changes


def last_saved(name: str) -> int:
    """The number of the last save from a stored signatory name ("" before the first save)."""
    if name == "":
        return 0
    match = _NAME.fullmatch(name)
    if match is None:
        raise ValueError(f"unexpected signatory name {name!r}")
    return int(match.group(1))


def main(argv: list[str]) -> None:
    """Save forever, printing each number once its transaction is committed."""
    if len(argv) != 1:
        raise SystemExit("usage: crash_writer.py DATABASE")
    context = open_context(Path(argv[0]))
    n = last_saved(context.settings.load().signatory_name)
    while True:
        n += 1
        context.settings.save(changes_for(n))
        sys.stdout.write(f"committed {n}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
