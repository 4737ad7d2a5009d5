"""Crash safety: SIGKILL in the middle of saving loses nothing committed and never damages the file.

A real child process (tests/helpers/crash_writer.py) saves settings in a loop and prints
``committed {n}`` after each save returns. The test kills it with SIGKILL at random
moments, round after round on the same file, and after every kill checks that:

- SQLite's integrity and foreign key checks are clean;
- the stored settings are those of save ``m`` with ``n <= m <= n + 1``, where ``n`` is the
  last number printed (a save may have committed after its line was lost, never the
  other way round), and every field matches what save ``m`` wrote (no half transaction);
- the audit trail holds exactly one entry per committed change, up to save ``m`` and no
  further, and its newest signatory entry is the stored value.

The delays come from a seeded random generator, so a failing sequence can be replayed
(the seed is in every failure message).
"""

from __future__ import annotations

import importlib.util
import os
import random
import selectors
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from ptf_desktop.domain.foundation_settings import FoundationSettings
from ptf_desktop.persistence.database_file import integrity_problems
from ptf_desktop.services.context import open_context

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and select() on pipes are POSIX"),
]

WRITER = Path(__file__).resolve().parent / "helpers" / "crash_writer.py"
SEED = 20240611
ROUNDS = 25
MAX_EXTRA_RUN = 0.150  # seconds the writer runs after its first commit, at most
START_TIMEOUT = 60.0  # seconds to wait for a child's first commit (a slow, busy CI machine)
BIG_FIELDS = ("signatory_title", "address_line2", "bank_name", "billing_email")


def _load_writer() -> ModuleType:
    """Import the writer script by path, for its changes_for() and BIG_EVERY."""
    spec = importlib.util.spec_from_file_location("crash_writer", WRITER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


writer = _load_writer()


def _expected_settings(m: int) -> FoundationSettings:
    """The settings after saves 1..m, as the writer makes them."""
    values = dict(vars(FoundationSettings()))
    last_big = m - m % writer.BIG_EVERY
    if last_big > 0:
        values.update(writer.changes_for(last_big))
    if m > 0:
        values.update(writer.changes_for(m))
    return FoundationSettings(**values)


def _read(selector: selectors.BaseSelector, fd: int, until: float, *, one_line: bool) -> bytes:
    """Read what the child writes to fd, up to a deadline.

    Stops early at the end of the stream, or (with one_line) once a whole line is in.
    """
    data = b""
    while (remaining := until - time.monotonic()) > 0 and not (one_line and b"\n" in data):
        if not selector.select(remaining):
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data


def _run_and_kill(path: Path, rng: random.Random, stderr_path: Path) -> list[int]:
    """Start a writer, kill it at a random moment after its first commit.

    Returns:
        The numbers it printed as committed, in order.
    """
    with (
        open(stderr_path, "wb") as stderr,
        subprocess.Popen(
            [sys.executable, str(WRITER), str(path)], stdout=subprocess.PIPE, stderr=stderr
        ) as child,
    ):
        assert child.stdout is not None
        fd = child.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            # Synchronise on the first committed line, then let it run a random while more.
            output = _read(selector, fd, time.monotonic() + START_TIMEOUT, one_line=True)
            if b"\n" in output:
                extra = 0.0 if rng.random() < 0.2 else rng.uniform(0.0, MAX_EXTRA_RUN)
                output += _read(selector, fd, time.monotonic() + extra, one_line=False)
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        output += child.stdout.read()
    error = stderr_path.read_text(errors="replace")
    assert child.returncode == -signal.SIGKILL, f"the writer stopped by itself:\n{error}"
    complete = output[: output.rfind(b"\n") + 1].decode()  # a torn last line is not a promise
    numbers = []
    for line in complete.splitlines():
        word, number = line.split()
        assert word == "committed", f"unexpected output {line!r}"
        numbers.append(int(number))
    assert numbers, f"the writer committed nothing within {START_TIMEOUT} s:\n{error}"
    return numbers


def _check_after_kill(path: Path, previous: int, printed: list[int], where: str) -> int:
    """Check the file after a kill; return the number of the last save stored."""
    assert printed == list(range(previous + 1, previous + 1 + len(printed))), (
        f"{where}: the writer did not continue from save {previous}: {printed[:5]}..."
    )
    n = printed[-1]

    assert integrity_problems(path) == [], where

    context = open_context(path)
    try:
        stored = context.settings.load()
        m = writer.last_saved(stored.signatory_name)
        assert n <= m <= n + 1, f"{where}: printed committed {n}, but save {m} is stored"
        assert stored == _expected_settings(m), f"{where}: save {m} is stored only in part"

        history = context.audit.history(entity_type="settings", limit=10**9)
    finally:
        context.close()

    names = [entry for entry in history if entry.field == "signatory_name"]
    assert names[0].new_value == stored.signatory_name, f"{where}: newest audit entry differs"
    assert any(entry.new_value == f"Writer {n}" for entry in names), where
    assert sorted(writer.last_saved(entry.new_value or "") for entry in names) == list(
        range(1, m + 1)
    ), f"{where}: the audit trail of signatory_name does not match saves 1..{m}"
    for entry in names:
        k = writer.last_saved(entry.new_value or "")
        assert entry.old_value == (f"Writer {k - 1}" if k > 1 else None), where

    # One entry per changed field per committed save: nothing missing, nothing extra.
    counts = Counter(entry.field for entry in history)
    assert counts["payment_terms_days"] == m, where
    for field in BIG_FIELDS:
        assert counts[field] == m // writer.BIG_EVERY, f"{where}: {field}"
    return m


def test_sigkill_while_saving_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    open_context(path).close()
    rng = random.Random(SEED)
    stored = 0
    for round_number in range(1, ROUNDS + 1):
        where = f"seed {SEED}, round {round_number}"
        printed = _run_and_kill(path, rng, tmp_path / f"writer-{round_number}.err")
        stored = _check_after_kill(path, stored, printed, where)
    assert stored >= ROUNDS


def _load_soak() -> ModuleType:
    """The crash soak of benchmarks/ (a script, not a package), imported by path."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "crash_soak.py"
    spec = importlib.util.spec_from_file_location("crash_soak", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_a_short_crash_soak_of_every_kind_of_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two kills of each kind of work on small databases (benchmarks/crash_soak.py: 20)."""
    soak = _load_soak()
    monkeypatch.setattr(soak, "ORGANIZATIONS", 40)
    monkeypatch.setattr(soak, "IMPORTED", 4_200)  # still validated in two processes
    outcomes = soak.soak(trials=2, seed=SEED, only=None, work=tmp_path)
    assert [outcome.kind for outcome in outcomes] == [
        "import", "issuing", "renewals", "certificates", "backup", "restore",
    ]  # fmt: skip
    assert all(outcome.trials == 2 for outcome in outcomes)
    assert [failure for outcome in outcomes for failure in outcome.failures] == []
