"""A page's data read in a worker, where only the newest read is shown.

A page reads again when a filter changes, a write is announced or a person asks, and on
a large register the reads overlap. Each read is numbered: a result that arrives after a
newer read began is dropped, so a page never shows older data over newer. A read the
page makes another way (data the warm-up read ahead, a short list read at once) calls
``supersede`` first, and so wins over the reads still running.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .tasks import Task, start_task


class LatestRead:
    """The reads of one page's data; ``busy`` while the newest is running."""

    def __init__(self) -> None:
        self._latest = 0
        self._task: Task | None = None

    def supersede(self) -> None:
        """A newer read begins: the results of those running are dropped."""
        self._latest += 1

    def start(
        self,
        read: Callable[[], Any],
        on_read: Callable[[Any], object],
        on_failed: Callable[[str], None],
    ) -> None:
        """Run ``read`` in a worker; ``on_read`` gets its result unless a newer read began.

        ``on_failed`` gets the message of a problem the person can fix (see ``tasks``).
        """
        self.supersede()
        number = self._latest

        def deliver(result: Any) -> None:
            if number == self._latest:
                on_read(result)

        self._task = start_task(lambda _progress: read(), deliver, on_failed)

    def busy(self) -> bool:
        """Whether the newest read started here is running or its result on its way."""
        return self._task is not None and self._task.pending()

    def wait(self) -> None:
        """Block until the newest read has ended (the page closes)."""
        if self._task is not None:
            self._task.wait()
