"""At start-up: members move to grace, lapse or are active again, off the GUI thread.

Once the window is shown and the areas' libraries are loaded (``__main__``), a worker
applies the day's status changes of the term rules
(RenewalService.apply_status_transitions, also ``ptf renewals transitions``) and the
status bar says what changed. Nothing changed, nothing is said.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ...changes import Changes, announce

if TYPE_CHECKING:
    from ...tasks import Task
    from ...window_base import DatabaseWindow

_WORDS = {
    "admitted": "admitted (their membership quote was accepted)",
    "grace": "moved to grace",
    "lapsed": "lapsed",
    "active": "active again",
}


def check_statuses(window: DatabaseWindow, today: Callable[[], date] = date.today) -> Task:
    """Apply the status changes of ``today`` in a worker; report them in the status bar."""
    # Imported here, after the window is shown: the worker module's Qt enums cost
    # start-up tens of milliseconds.
    from ...tasks import run_task

    renewals = window.context.renewals
    job = run_task(lambda _progress: renewals.apply_status_transitions(today()))
    job.succeeded.connect(lambda changes: _report(window, changes))
    job.failed.connect(
        lambda message: window.statusBar().showMessage(
            f"Membership statuses could not be updated: {message}"
        )
    )
    return job


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


def _report(window: DatabaseWindow, changes: tuple[Any, ...]) -> None:
    message = status_message(changes)
    if message:
        announce(Changes.MEMBERSHIPS)
        window.statusBar().showMessage(message)
