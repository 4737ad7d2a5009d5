"""How long work says how far it is and learns that the person wants it stopped.

A service that writes a large file takes a ``Progress``; it calls ``step`` every so many
rows or items. ``step`` passes the count on (the interface shows a progress bar) and
raises ``Cancelled`` once a stop was asked for, so the work ends at the next step and
whatever it was writing under a temporary name is removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):  # an outcome the person chose, not an error
    """The person stopped the work before its end; nothing was written."""


@dataclass(frozen=True)
class Progress:
    """Where work reports its progress and asks whether to go on.

    Attributes:
        report: called with (done, total); None: nobody is watching.
        cancelled: asked at each step; True stops the work. None: it cannot be stopped.
    """

    report: Callable[[int, int], None] | None = None
    cancelled: Callable[[], bool] | None = None

    def step(self, done: int, total: int) -> None:
        """Report ``done`` of ``total``.

        Raises:
            Cancelled: a stop was asked for.
        """
        if self.cancelled is not None and self.cancelled():
            raise Cancelled
        if self.report is not None:
            self.report(done, total)


NO_PROGRESS = Progress()
