"""Feedback in one place: what was just done, said once in the main window's status bar.

Any widget (a page, a dialog, a record window) calls ``say("Issued INV-2027-0012")``;
the main window shows it in its status bar and clears it after ``SHOWN_MS``, so no
message stays on screen to describe a state long gone.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject, Signal

SHOWN_MS = 8000


class FeedbackHub(QObject):
    """Carries what was done to the main window."""

    said = Signal(str)


@cache
def feedback_hub() -> FeedbackHub:
    """The application's hub, made when first asked for."""
    return FeedbackHub()


def say(message: str) -> None:
    """Tell the person what was just done (in the status bar, for a few seconds)."""
    if message:
        feedback_hub().said.emit(message)
