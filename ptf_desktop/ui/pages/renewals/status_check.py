"""The day's status check: members move to grace, lapse or are active again.

At start-up the warm-up (``ui/warm_up.py``) runs ``day_status_check`` in its background
thread, once the areas' libraries are in and before it reads ahead what the areas show:
what it reads then already has the day's statuses, and is not dropped a moment later
because the check changed them. The check applies the term rules
(RenewalService.apply_status_transitions, also ``ptf renewals transitions``); on the
GUI thread, ``report_statuses`` says in the status bar what changed. Nothing changed,
nothing is said.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ....services.errors import DatabaseProblem, UserError
from ...changes import Changes, announce

if TYPE_CHECKING:
    from ....services.context import AppContext
    from ...window_base import DatabaseWindow

_WORDS = {
    "admitted": "admitted (their membership quote was accepted)",
    "grace": "moved to grace",
    "lapsed": "lapsed",
    "active": "active again",
}


@dataclass(frozen=True)
class CheckFailed:
    """The check could not run (the database was busy or could not be written)."""

    message: str


def day_status_check(
    today: Callable[[], date] = date.today,
) -> Callable[[AppContext], tuple[Any, ...] | CheckFailed]:
    """The check of ``today`` for the warm-up's thread: the changes made, or why none."""

    def check(context: AppContext) -> tuple[Any, ...] | CheckFailed:
        try:
            return context.renewals.apply_status_transitions(today())
        except (UserError, DatabaseProblem, OSError) as problem:
            return CheckFailed(str(problem))

    return check


def report_statuses(window: DatabaseWindow, outcome: object) -> None:
    """Say in the window's status bar what the check changed, and announce it."""
    if isinstance(outcome, CheckFailed):
        window.statusBar().showMessage(
            f"Membership statuses could not be updated: {outcome.message}"
        )
        return
    message = status_message(outcome)  # type: ignore[arg-type]
    if message:
        announce(Changes.MEMBERSHIPS)
        window.statusBar().showMessage(message)


def status_message(changes: tuple[Any, ...]) -> str:
    """What the status bar says about the changes ("" for none)."""
    if not changes:
        return ""
    counts = Counter(
        "admitted" if change.old.value in ("prospect", "applied") else change.new.value
        for change in changes
    )
    parts = [f"{counts[key]:,} {words}" for key, words in _WORDS.items() if counts[key]]
    return "Membership statuses updated today: " + ", ".join(parts) + "."
