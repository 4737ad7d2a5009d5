"""``ptf sync``: join, now, status, conflicts and resolve against a real server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.services.context import open_context

from helpers.billing import add_organization
from helpers.sync_server import RunningServer, running_server


@pytest.fixture
def server(empty_postgres_url: str, memory_keyring: object) -> Iterator[RunningServer]:
    with running_server(empty_postgres_url) as running:
        yield running


def ptf(
    capsys: pytest.CaptureFixture[str], database: Path, *arguments: str
) -> tuple[int, str, str]:
    status = main(["--database", str(database), *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_join_sync_status_conflicts_resolve(
    capsys: pytest.CaptureFixture[str], server: RunningServer, tmp_path: Path,
    memory_keyring: object,
) -> None:  # fmt: skip
    alpha, bravo = tmp_path / "alpha.sqlite", tmp_path / "bravo.sqlite"
    context = open_context(alpha)
    org = add_organization(context, "Shared Labs")
    context.close()

    status, out, err = ptf(capsys, alpha, "sync", "status", "--json")
    assert status == 0 and json.loads(out)["server_url"] is None
    code = server.add_device("alpha")
    status, out, err = ptf(capsys, alpha, "sync", "join", server.url, "--code", code,
                           "--device-name", "Alpha's laptop")  # fmt: skip
    assert status == 0, err
    assert "Joined" in out and "(L01)" in out
    status, out, err = ptf(capsys, bravo, "sync", "join", server.url, "--code",
                           server.add_device("bravo"))  # fmt: skip
    assert status == 0, err

    tokens = list(memory_keyring.passwords.values())  # type: ignore[attr-defined]
    assert len(tokens) == 2
    for database in (alpha, bravo):
        assert not any(token.encode() in database.read_bytes() for token in tokens)

    for database, city in ((alpha, "Lyon"), (bravo, "Graz")):
        context = open_context(database)
        context.organizations.update(org, {"city": city})
        context.close()
    status, out, _ = ptf(capsys, alpha, "sync", "status", "--json")
    assert json.loads(out)["changes_waiting"] >= 1
    assert ptf(capsys, alpha, "sync", "now")[0] == 0
    status, out, _ = ptf(capsys, bravo, "sync", "now", "--json")
    assert status == 0 and json.loads(out)["conflicts"] == 1

    status, out, _ = ptf(capsys, bravo, "sync", "conflicts", "--json")
    [conflict] = json.loads(out)
    assert (conflict["mine"], conflict["theirs"]) == ("Graz", "Lyon")
    status, out, _ = ptf(capsys, bravo, "sync", "status")
    assert "Conflicts open:  1" in out and "Changes waiting: 0" in out
    status, out, _ = ptf(capsys, bravo, "sync", "resolve", conflict["id"], "--keep", "theirs")
    assert status == 0 and "kept theirs" in out
    status, out, _ = ptf(capsys, bravo, "sync", "conflicts")
    assert out.strip() == "No open conflicts."

    again = ptf(capsys, bravo, "sync", "resolve", conflict["id"], "--keep", "mine")
    assert again[0] == 1 and again[2].startswith("ptf: error:") and len(again[2].splitlines()) == 1


def test_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, memory_keyring: object
) -> None:
    database = tmp_path / "lone.sqlite"
    assert ptf(capsys, database, "db", "upgrade")[0] == 0
    status, _, err = ptf(capsys, database, "sync", "now")
    assert status == 1
    assert err.splitlines() == [
        "ptf: error: This database has not joined a team server; use 'ptf sync join'."
    ]
    status, _, err = ptf(capsys, database, "sync", "join", "http://127.0.0.1:55998", "--code",
                         "AAAA-BBBB-CCCC-DDDD")  # fmt: skip
    assert status == 1 and len(err.splitlines()) == 1
    assert err.startswith("ptf: error: Cannot reach the team server")
