"""Sync under faults: dropped connections, lost replies, repeats, late commits, kills."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from ptf_desktop.persistence.postgres import make_postgres_engine
from ptf_desktop.persistence.sync import local_state, outbox
from ptf_desktop.persistence.sync.protocol import PROTOCOL_SCHEMA_VERSION
from ptf_desktop.services.sync.client import DeviceRevoked, OutdatedClient, SyncClient, SyncError

from conftest import REPOSITORY
from helpers.billing import add_organization
from helpers.faulty_proxy import FaultyProxy
from helpers.sync_laptops import Laptop, server_snapshot
from helpers.sync_server import RunningServer, running_server


@pytest.fixture
def server(sync_database_url: str, memory_keyring: object) -> Iterator[RunningServer]:
    with running_server(sync_database_url, upgrade=False) as running:
        yield running


@pytest.fixture
def pair(server: RunningServer, tmp_path: Path) -> Iterator[tuple[Laptop, Laptop, Any]]:
    alpha, bravo = Laptop(tmp_path, "alpha"), Laptop(tmp_path, "bravo")
    org = add_organization(alpha.context, "Faulty Networks Ltd")
    alpha.join(server)
    bravo.join(server)
    yield alpha, bravo, org
    alpha.close()
    bravo.close()


def point_at(laptop: Laptop, url: str) -> None:
    with laptop.context.factories.write.begin() as session:
        local_state.put(session.connection(), "server_url", url)


def server_version(server: RunningServer, org: Any) -> int:
    engine = make_postgres_engine(server.database_url)
    with engine.connect() as connection:
        version = connection.execute(
            text("SELECT row_version FROM organizations WHERE id = :i"), {"i": org}
        ).scalar_one()
    engine.dispose()
    return int(version)


def waiting(laptop: Laptop) -> int:
    with laptop.context.factories.read.begin() as session:
        return outbox.pending_count(session.connection())


def token_of(laptop: Laptop, keyring_backend: Any) -> str:
    with laptop.context.factories.read.begin() as session:
        key = local_state.get(session.connection(), "token_key")
    return str(keyring_backend.passwords[("ptf-desktop", f"sync-device-token-{key}")])


@pytest.mark.parametrize("fault", ["cut_request", "lose_reply"])
def test_a_dropped_push_is_sent_again_and_applied_once(
    server: RunningServer, pair: tuple[Laptop, Laptop, Any], fault: str
) -> None:
    alpha, bravo, org = pair
    proxy = FaultyProxy(int(server.url.rsplit(":", 1)[1])).start()
    point_at(alpha, proxy.url)
    before = server_version(server, org)
    alpha.context.organizations.update(org, {"city": "Lyon"})
    proxy.faults["/v1/push"] = fault

    with pytest.raises(SyncError, match="Cannot reach the team server"):
        alpha.sync()
    assert waiting(alpha) >= 1  # kept, with its batch id
    applied = server_version(server, org)
    assert applied == (before if fault == "cut_request" else before + 1)

    report = alpha.sync()
    proxy.stop()
    assert report.pushed >= 1 and waiting(alpha) == 0
    assert server_version(server, org) == before + 1  # applied exactly once
    bravo.sync()
    assert bravo.context.organizations.get(org).fields.city == "Lyon"
    assert alpha.snapshot() == bravo.snapshot() == server_snapshot(server)


def test_the_same_batch_twice_at_once_is_applied_once(
    server: RunningServer, pair: tuple[Laptop, Laptop, Any], memory_keyring: Any
) -> None:
    alpha, _, org = pair
    before = server_version(server, org)
    alpha.context.organizations.update(org, {"city": "Lyon", "postal_code": "69001"})
    with alpha.context.factories.write.begin() as session:
        batch = outbox.next_batch(session.connection(), 100)
    assert batch is not None
    answers: list[dict[str, Any]] = []
    token = token_of(alpha, memory_keyring)

    def push() -> None:
        client = SyncClient(server.url, token)
        answers.append(client.push(batch.batch_id, batch.changes, False))
        client.close()

    threads = [threading.Thread(target=push) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a["repeated"] for a in answers) == [False, True]
    assert answers[0]["results"] == answers[1]["results"]
    assert server_version(server, org) == before + 1


def test_out_of_order_commits_are_not_skipped(
    server: RunningServer, pair: tuple[Laptop, Laptop, Any]
) -> None:
    alpha, bravo, org = pair
    other = add_organization(alpha.context, "Second Row Inc.")
    alpha.sync()
    bravo.sync()
    engine = make_postgres_engine(server.database_url)
    slow = engine.connect()
    slow_transaction = slow.begin()  # starts first, commits last
    slow.execute(text("UPDATE organizations SET city = 'Slowtown' WHERE id = :i"), {"i": org})
    alpha.context.organizations.update(other, {"city": "Fastville"})
    alpha.sync()  # commits after the slow transaction started

    bravo.sync()
    assert bravo.context.organizations.get(other).fields.city == "Berlin"  # held back
    slow_transaction.commit()
    slow.close()
    engine.dispose()
    bravo.sync()
    assert bravo.context.organizations.get(other).fields.city == "Fastville"
    assert bravo.context.organizations.get(org).fields.city == "Slowtown"


def test_children_before_parents_in_one_batch(
    server: RunningServer, pair: tuple[Laptop, Laptop, Any], memory_keyring: Any
) -> None:
    alpha, bravo, _ = pair
    parent = add_organization(alpha.context, "Parent Org")
    alpha.context.organizations.add_contact(parent, {"name": "Kim", "email": "kim@example.org"})
    with alpha.context.factories.write.begin() as session:
        batch = outbox.next_batch(session.connection(), 1000)
    assert batch is not None
    reordered = sorted(batch.changes, key=lambda c: c["table"] != "contacts")
    assert reordered[0]["table"] == "contacts"
    client = SyncClient(server.url, token_of(alpha, memory_keyring))
    answer = client.push(batch.batch_id, reordered, False)
    client.close()
    assert {r["status"] for r in answer["results"]} == {"applied"}
    alpha.sync()
    bravo.sync()
    assert [c.fields.name for c in bravo.context.organizations.get(parent).contacts] == ["Kim"]


def test_a_clock_a_day_ahead_is_clamped_and_reported(
    server: RunningServer, pair: tuple[Laptop, Laptop, Any], memory_keyring: Any
) -> None:
    alpha, _, org = pair
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    change = {
        "change_id": "8a9d7f4e-1111-4c3c-9a55-000000000001", "table": "organizations",
        "row_id": str(org), "op": "update", "base_version": server_version(server, org),
        "fields": {"city": "Future City", "updated_at": tomorrow.isoformat()},
        "old": {"city": "Berlin"},
    }  # fmt: skip
    client = SyncClient(server.url, token_of(alpha, memory_keyring))
    body = {"batch_id": "8a9d7f4e-2222-4c3c-9a55-000000000001", "changes": [change],
            "seeding": False, "client_time": tomorrow.isoformat()}  # fmt: skip
    answer = client._post("/v1/push", body)
    client.close()
    assert answer["clock_clamped"] is True and answer["clock_ahead_seconds"] > 80_000
    stored = server_snapshot(server)["organizations"][str(org)]
    assert datetime.fromisoformat(stored["updated_at"]) < datetime.now(UTC) + timedelta(minutes=1)
    assert stored["city"] == "Future City"


def test_an_outdated_client_is_told_to_update_and_keeps_its_outbox(
    pair: tuple[Laptop, Laptop, Any],
) -> None:
    alpha, bravo, org = pair
    alpha.context.organizations.update(org, {"city": "Lyon"})
    alpha.context.sync.schema_version = PROTOCOL_SCHEMA_VERSION - 2
    with pytest.raises(OutdatedClient, match="update it"):
        alpha.sync()
    assert waiting(alpha) >= 1
    alpha.context.sync.schema_version = PROTOCOL_SCHEMA_VERSION - 1  # the previous: served
    alpha.sync()
    assert waiting(alpha) == 0
    bravo.sync()
    assert bravo.context.organizations.get(org).fields.city == "Lyon"


def test_a_revoked_device_is_refused_at_once_and_keeps_its_outbox(
    server: RunningServer, pair: tuple[Laptop, Laptop, Any]
) -> None:
    alpha, _, org = pair
    alpha.context.organizations.update(org, {"city": "Lyon"})
    assert server.command("devices", "revoke", "alpha").returncode == 0
    with pytest.raises(DeviceRevoked, match="revoked"):
        alpha.sync()
    assert waiting(alpha) >= 1


@pytest.mark.parametrize("moment", ["pushing", "pushed", "applying"])
def test_a_laptop_killed_mid_sync_recovers_without_loss_or_repeat(
    server: RunningServer, pair: tuple[Laptop, Laptop, Any], memory_keyring: Any, moment: str
) -> None:
    alpha, bravo, org = pair
    if moment == "applying":
        laptop = bravo
        for city in ("Lyon", "Graz", "Oslo"):
            alpha.context.organizations.update(org, {"city": city})
        alpha.sync()
    else:
        laptop = alpha
        alpha.context.organizations.update(org, {"city": "Lyon"})
    before = server_version(server, org)
    path = laptop.context.path
    token = token_of(laptop, memory_keyring)
    laptop.context.close()
    child = subprocess.Popen(
        [sys.executable, "-m", "helpers.sync_laptop_process", str(path), moment],
        cwd=REPOSITORY / "tests", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PTF_TEST_SYNC_TOKEN": token,
             "PYTHONPATH": f"{REPOSITORY}:{REPOSITORY / 'tests'}"},
    )  # fmt: skip
    assert child.stdout is not None and child.stderr is not None
    said = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    child.wait()
    errors = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert said == moment, errors

    laptop.sync()
    alpha.sync()
    bravo.sync()
    assert alpha.snapshot() == bravo.snapshot() == server_snapshot(server)
    if moment != "applying":
        assert server_version(server, org) == before + 1  # the edit, applied once
    assert bravo.context.organizations.get(org).fields.city in ("Lyon", "Oslo")
