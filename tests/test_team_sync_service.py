"""The window's sync service without a server: offline is a state, not an error."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from ptf_desktop.domain.errors import UserError
from ptf_desktop.persistence import secrets
from ptf_desktop.persistence.sync import local_state
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.sync.client import SyncError
from ptf_desktop.services.sync.team import TeamSync
from ptf_desktop.services.sync.team_process import SyncProcess, SyncRequest, portable_keyring
from ptf_desktop.services.sync.team_records import IN_SYNC, NOT_JOINED, OFFLINE, TeamState
from ptf_desktop.ui.team.status import status_text

from helpers.billing import add_organization


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens there once closed


@pytest.fixture
def joined(tmp_path: Path, memory_keyring: object) -> Iterator[AppContext]:
    """A database that joined a server which is down now."""
    context = open_context(tmp_path / "ptf.sqlite")
    secrets.store_secret("sync-device-token-key", "token")
    with context.factories.write.begin() as session:
        connection = session.connection()
        values = {"server_url": f"http://127.0.0.1:{_closed_port()}", "device_name": "Kim's laptop",
                  "device_code": "L02", "series_code": "L02", "token_key": "key",
                  "cursor": "0 0"}  # fmt: skip
        for key, value in values.items():
            local_state.put(connection, key, value)
        local_state.set_capture(connection, True)
    yield context
    context.close()


def test_a_database_not_in_a_team_syncs_nothing(context: AppContext) -> None:
    team = TeamSync(context.factories, context.path)
    outcome = team.sync()
    assert outcome.state.kind == NOT_JOINED and not outcome.state.joined
    assert team.history() == []


def test_an_unreachable_server_means_offline_with_the_changes_waiting(
    joined: AppContext, tricky_names: list[str]
) -> None:
    team = TeamSync(joined.factories, joined.path)
    add_organization(joined, tricky_names[0])
    add_organization(joined, tricky_names[1])

    first = team.sync()
    second = team.sync()

    assert first.attempt.outcome == "offline" and "Cannot reach" in first.attempt.message
    state = second.state
    assert state.kind == OFFLINE and state.changes_waiting == 2  # history entries not counted
    assert state.offline_since == first.attempt.at  # since the first failure, not the last
    assert status_text(state).startswith("Offline since ")
    assert status_text(state).endswith(" · 2 changes waiting")
    assert [a.outcome for a in team.history()] == ["offline", "offline"]


def test_changes_made_in_a_team_name_the_device(joined: AppContext) -> None:
    TeamSync(joined.factories, joined.path)
    org = add_organization(joined, "Where Labs")
    [created, *_] = joined.audit.history(owner_id=org)
    assert (created.person, created.device) == (joined.actor, "Kim's laptop")
    assert not created.arrived_by_sync


def test_joining_needs_an_address_and_a_code(context: AppContext) -> None:
    team = TeamSync(context.factories, context.path)
    with pytest.raises(SyncError, match="address and the enrolment code"):
        team.join("", "", "Kim's laptop")


def test_status_words() -> None:
    assert status_text(TeamState(IN_SYNC)) == "✓ In sync with the team"
    assert status_text(TeamState(NOT_JOINED)) == ""


def test_a_worker_process_syncs_with_the_windows_keyring(
    joined: AppContext, tricky_names: list[str]
) -> None:
    add_organization(joined, tricky_names[2])
    worker = SyncProcess()
    request = SyncRequest(joined.path, joined.actor, joined.busy_timeout, portable_keyring())
    try:
        outcome = worker.sync(request)  # the token comes from the test's in-memory keyring
    finally:
        worker.close()
    assert outcome.attempt.outcome == "offline" and outcome.state.kind == OFFLINE
    assert outcome.state.changes_waiting == 1
    assert TeamSync(joined.factories, joined.path).history()[0].outcome == "offline"
    with pytest.raises(UserError, match="no longer syncs"):
        worker.sync(request)
