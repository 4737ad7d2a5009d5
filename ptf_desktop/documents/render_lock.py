"""One PDF render at a time in this process: ReportLab is not thread-safe.

ReportLab keeps process-wide state that a render reads and changes as it goes (the font
registry, ``rl_config`` switches such as ``useA85``, the canvas's shared caches), so two
threads rendering at once can corrupt each other's output. The app now runs PDF jobs in
worker threads (an export beside a preview, issuing during a certificate batch), so every
public render entry point of this package takes :data:`RENDER_LOCK` for one document.
Batches take it per document, not for the whole batch, so jobs interleave instead of one
waiting for the other to finish.

Entry points call one another (``render_invoice`` draws with ``render_invoice_pdf`` and
then runs ``make_pdfa``), so a thread that already holds the lock passes straight through.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

__all__ = ["RENDER_LOCK", "one_render_at_a_time", "rendering"]

RENDER_LOCK = threading.Lock()
"""Held by the thread rendering a document (or running its PDF/A step)."""

_held = threading.local()  # depth: how many entry points this thread is inside

_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextmanager
def rendering() -> Iterator[None]:
    """Hold :data:`RENDER_LOCK` for the block, unless this thread holds it already.

    Yields:
        Nothing; the block runs with the lock held.
    """
    depth: int = getattr(_held, "depth", 0)
    if depth:
        _held.depth = depth + 1
        try:
            yield
        finally:
            _held.depth = depth
        return
    with RENDER_LOCK:
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0


def one_render_at_a_time(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorate a public render entry point so it runs under :func:`rendering`.

    Args:
        function: the entry point.

    Returns:
        The same function, serialized with every other render in the process.
    """

    @functools.wraps(function)
    def serialized(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with rendering():
            return function(*args, **kwargs)

    return serialized
