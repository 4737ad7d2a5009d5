"""Independent read-only queries run on a few threads, each thread on its own connection.

SQLite in WAL mode lets several connections read at once, and Python's sqlite3 module
releases the GIL while a statement runs, so on a machine with two cores two aggregate
queries really do run at the same time. Each thread opens one read transaction and takes
the next query from a shared queue until none is left: the expensive queries, listed
first, start at once and the cheap ones fill in behind them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

Query = Callable[[Session], Any]
# Two cores on the machines the app runs on; more threads would only queue on them.
THREADS = 2


def read_in_parallel(
    factory: sessionmaker[Session], queries: Sequence[tuple[str, Query]], threads: int = THREADS
) -> dict[str, Any]:
    """Run each named query with a read session and return the results by name.

    Args:
        factory: the read session factory (each thread opens one transaction with it).
        queries: ``(name, query)`` pairs, the slowest first; a query gets a session and
            must only read.
        threads: how many threads (connections) at most.

    Returns:
        Each query's result under its name.

    Raises:
        Whatever a query raised (the first failure, after every thread has stopped).
    """
    pending = deque(queries)  # popleft is atomic: no lock needed to share the queue
    results: dict[str, Any] = {}

    def work() -> None:
        with factory.begin() as session:
            while True:
                try:
                    name, query = pending.popleft()
                except IndexError:
                    return
                results[name] = query(session)

    count = max(1, min(threads, len(queries)))
    if count == 1:
        work()
        return results
    with ThreadPoolExecutor(count, thread_name_prefix="dashboard-read") as pool:
        futures = [pool.submit(work) for _ in range(count)]
        for future in futures:
            future.result()
    return results
