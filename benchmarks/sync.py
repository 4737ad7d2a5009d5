"""Sync benchmark: no-op sync, push and pull of 10,000 rows, a new laptop joining 100,000.

What is measured (real ptf-server under uvicorn on loopback, real PostgreSQL):
    * no-op: ``ptf sync now`` work with nothing to push or pull, median of 10 (< 200 ms);
    * push: 10,000 organizations changed in one transaction on laptop A, then A's sync;
      the push itself (< 10 s) and the whole sync (push, then pulling its echoes back);
    * pull: laptop B's sync bringing the same 10,000 rows (< 5 s);
    * join: a new laptop joining a server holding N organizations (default 100,000)
      with their contacts, terms and invoices (< 2 minutes), in its own process, whose
      peak memory is reported (< 500 MB). The server is filled by copying a demo
      database's rows into PostgreSQL (the change log fills as for pushes).

PostgreSQL: ``PTF_TEST_POSTGRES_URL`` (a server where databases may be created), else a
throwaway cluster is started (PostgreSQL 15+ installed).

Usage::

    python benchmarks/sync.py [--organizations N] [--skip-join | --only-join] [--json]

The exit status is 0 when every target is met.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import keyring  # noqa: E402
from sqlalchemy import create_engine, select, text  # noqa: E402
from sqlalchemy.dialects.postgresql import insert as pg_insert  # noqa: E402

from ptf_desktop.persistence.postgres import make_postgres_engine, normalized_url  # noqa: E402
from ptf_desktop.persistence.sync.capture import synced_columns, synced_tables  # noqa: E402
from ptf_desktop.services.context import open_context  # noqa: E402

from helpers import postgres_cluster  # noqa: E402
from helpers.memory_keyring import MemoryKeyring  # noqa: E402
from helpers.postgres import database_url  # noqa: E402
from helpers.sync_server import REPOSITORY, RunningServer, running_server  # noqa: E402

TARGETS = {"noop_ms": 200.0, "push_s": 10.0, "pull_s": 5.0, "join_s": 120.0, "join_mb": 500.0}
TODAY = date(2027, 3, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--skip-join", action="store_true")
    parser.add_argument("--only-join", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", metavar="FILE",
                        help="write a cProfile of the joining laptop to FILE")  # fmt: skip
    parser.add_argument("--join-child", nargs=4, metavar=("DATABASE", "URL", "CODE", "PROFILE"),
                        help=argparse.SUPPRESS)  # fmt: skip
    arguments = parser.parse_args()
    if arguments.join_child:
        return _join_child(*arguments.join_child)
    keyring.set_keyring(MemoryKeyring())
    cluster = None
    server_url = os.environ.get(postgres_cluster.URL_VARIABLE)
    if not server_url:
        cluster = postgres_cluster.start()
        server_url = cluster.url
    figures: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            if not arguments.only_join:
                with _database(server_url) as url, running_server(url) as server:
                    figures.update(_push_pull(server, Path(folder)))
            if not arguments.skip_join:
                with _database(server_url) as url, running_server(url) as server:
                    figures.update(
                        _join(
                            server, Path(folder), arguments.organizations, arguments.profile or ""
                        )
                    )
    finally:
        if cluster is not None:
            cluster.stop()
    met = all(figures[key] < limit for key, limit in TARGETS.items() if key in figures)
    if arguments.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            target = f"  (target < {TARGETS[key]:g})" if key in TARGETS else ""
            print(f"{key:>22}: {value}{target}")
    return 0 if met else 1


class _database:
    """A new database on the server for the duration of a block."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self.name = f"ptf_bench_{uuid.uuid4().hex[:8]}"
        self.admin = create_engine(normalized_url(server_url), isolation_level="AUTOCOMMIT")

    def __enter__(self) -> str:
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{self.name}"'))
        return database_url(self.server_url, self.name)

    def __exit__(self, *_: object) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


def _push_pull(server: RunningServer, folder: Path) -> dict[str, Any]:
    alpha = open_context(folder / "alpha.sqlite")
    bravo = open_context(folder / "bravo.sqlite")
    alpha.demo.generate(10_000, today=TODAY)
    started = time.perf_counter()
    alpha.sync.join(server.url, server.add_device("alpha"), "alpha")
    seeded = time.perf_counter() - started
    bravo.sync.join(server.url, server.add_device("bravo"), "bravo")
    noop = []
    for _ in range(10):
        started = time.perf_counter()
        bravo.sync.sync_now()
        noop.append((time.perf_counter() - started) * 1000)
    with alpha.factories.write.begin() as session:
        session.execute(text("UPDATE organizations SET notes = 'Benchmark ' || hex(id)"))
    pushing = alpha.sync._push  # the push phase alone, as the sync runs it

    def timed_push(*args: Any) -> Any:
        began = time.perf_counter()
        result = pushing(*args)
        timed["push"] = time.perf_counter() - began
        return result

    timed: dict[str, float] = {}
    alpha.sync._push = timed_push  # type: ignore[method-assign]
    started = time.perf_counter()
    pushed = alpha.sync.sync_now()
    whole = time.perf_counter() - started
    started = time.perf_counter()
    pulled = bravo.sync.sync_now()
    pull = time.perf_counter() - started
    alpha.close()
    bravo.close()
    return {"seed_10000_orgs_s": round(seeded, 1), "noop_ms": round(statistics.median(noop), 1),
            "push_s": round(timed["push"], 2), "push_rows": pushed.pushed,
            "push_sync_total_s": round(whole, 2), "pull_s": round(pull, 2),
            "pull_rows": pulled.pulled}  # fmt: skip


def _join(server: RunningServer, folder: Path, organizations: int, profile: str) -> dict[str, Any]:
    source = folder / "source.sqlite"
    context = open_context(source)
    started = time.perf_counter()
    context.demo.generate(organizations, today=TODAY)
    from dashboard import write_billing

    write_billing(context, organizations, TODAY)
    context.close()
    made = time.perf_counter() - started
    started = time.perf_counter()
    rows = _copy_to_server(source, server.database_url)
    copied = time.perf_counter() - started
    code = server.add_device("newcomer")
    child = subprocess.run(
        [sys.executable, __file__, "--join-child", str(folder / "new.sqlite"), server.url, code,
         profile],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
    )  # fmt: skip
    result = json.loads(child.stdout.strip().splitlines()[-1])
    return {"join_organizations": organizations, "join_server_rows": rows,
            "join_source_made_s": round(made, 1), "join_server_filled_s": round(copied, 1),
            **result}  # fmt: skip


def _copy_to_server(source: Path, url: str) -> int:
    """Every synced row of a laptop database into the server (triggers fill the change log)."""
    from ptf_desktop.persistence.engine import make_engine

    laptop = make_engine(source)
    engine = make_postgres_engine(url)
    count = 0
    with laptop.connect() as reading, engine.begin() as writing:
        writing.execute(text("SET CONSTRAINTS ALL DEFERRED"))
        for table in synced_tables():
            columns = synced_columns(table) + (
                [table.c.row_version] if "row_version" in table.c else []
            )
            result = reading.execution_options(yield_per=5000).execute(select(*columns))
            for chunk in result.mappings().partitions(5000):
                # Rows every database has from its migrations are there already.
                statement = pg_insert(table).on_conflict_do_nothing(index_elements=["id"])
                writing.execute(statement, [dict(row) for row in chunk])
                count += len(chunk)
    laptop.dispose()
    engine.dispose()
    return count


def _join_child(database: str, url: str, code: str, profile: str) -> int:
    keyring.set_keyring(MemoryKeyring())
    context = open_context(Path(database))
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    report = context.sync.join(url, code, "newcomer")
    seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    context.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"join_s": round(seconds, 1), "join_mb": round(peak_mb),
                      "join_rows": report.pulled}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
