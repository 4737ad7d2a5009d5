"""A short seeded random run of laptops editing offline through faults (see helpers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import sync_simulation
from helpers.sync_server import RunningServer, running_server


@pytest.fixture
def server(sync_database_url: str, memory_keyring: object) -> Iterator[RunningServer]:
    with running_server(sync_database_url, upgrade=False) as running:
        yield running


@pytest.mark.parametrize(("seed", "laptops"), [(7, 2), (2027, 3)])
def test_random_offline_work_converges(
    server: RunningServer, tmp_path: Path, seed: int, laptops: int
) -> None:
    simulation = sync_simulation.start(server, tmp_path, seed, laptops)
    try:
        sync_simulation.run(simulation, operations=60)
        sync_simulation.check(simulation, server)
    finally:
        sync_simulation.finish(simulation)
    assert simulation.stats["edits"] > 10 and simulation.stats["syncs"] > 5
