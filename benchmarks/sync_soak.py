"""Sync soak: a long seeded random run of laptops editing offline through faults.

The same simulation as tests/test_sync_random.py (tests/helpers/sync_simulation.py),
with thousands of operations: 2 to 5 laptops edit, create, delete, issue invoices and
record payments offline, syncing now and then through a proxy that cuts pushes or loses
their replies; then all sync until quiet, and every promise is checked (every laptop
equals the server, no edit lost without a conflict record, every conflict genuine,
nothing applied twice, gapless series).

PostgreSQL: ``PTF_TEST_POSTGRES_URL`` (a server where databases may be created), else a
throwaway cluster is started (PostgreSQL 15+ installed).

Usage::

    python benchmarks/sync_soak.py --seed S [--laptops N] [--operations N] [--json]

The exit status is 0 when every check holds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import keyring  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from ptf_desktop.persistence.postgres import normalized_url  # noqa: E402

from helpers import postgres_cluster, sync_simulation  # noqa: E402
from helpers.memory_keyring import MemoryKeyring  # noqa: E402
from helpers.postgres import database_url  # noqa: E402
from helpers.sync_server import running_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--laptops", type=int, default=None, help="2-5 (default: from the seed)")
    parser.add_argument("--operations", type=int, default=3000)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    laptops = arguments.laptops or 2 + arguments.seed % 4
    keyring.set_keyring(MemoryKeyring())
    cluster = None
    server_url = os.environ.get(postgres_cluster.URL_VARIABLE)
    if not server_url:
        cluster = postgres_cluster.start()
        server_url = cluster.url
    name = f"ptf_soak_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalized_url(server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    started = time.perf_counter()
    try:
        with (
            tempfile.TemporaryDirectory() as folder,
            running_server(database_url(server_url, name)) as server,
        ):
            simulation = sync_simulation.start(server, Path(folder), arguments.seed, laptops)
            try:
                sync_simulation.run(simulation, arguments.operations)
                sync_simulation.check(simulation, server)
            finally:
                sync_simulation.finish(simulation)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        if cluster is not None:
            cluster.stop()
    figures = {"seed": arguments.seed, "laptops": laptops, "operations": arguments.operations,
               "seconds": round(time.perf_counter() - started, 1), **simulation.stats}  # fmt: skip
    if arguments.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>14}: {value}")
        print("All checks held.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
