"""A killed process leaves nothing behind for long: no helper process, no partial file.

Each scenario (tests/helpers/leftover_maker.py) starts some work and kills itself with
SIGKILL in the middle. Helper processes must end on their own within seconds; partial
files and private temporary folders must be gone after the next start of ``ptf``.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.private_files import private_root
from ptf_desktop.processes import process_alive

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="SIGKILL and /proc are Linux's"
)

MAKER = Path(__file__).with_name("helpers") / "leftover_maker.py"
REPOSITORY = Path(__file__).resolve().parents[1]


def killed(scenario: str, folder: Path) -> str:
    """Run a scenario to its SIGKILL and return the line it printed."""
    folder.mkdir(parents=True, exist_ok=True)
    finished = subprocess.run(
        [sys.executable, str(MAKER), scenario, str(folder)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
    )  # fmt: skip
    assert finished.returncode == -9, finished.stderr
    return finished.stdout.strip()


def next_start(capsys: pytest.CaptureFixture[str], database: Path) -> None:
    """Any command starts by cleaning up."""
    assert main(["--database", str(database), "db", "upgrade"]) == 0
    capsys.readouterr()


def gone(pids: list[int], within: float = 20.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(process_alive(pid) and not _zombie(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (OSError, IndexError):
        return True


@pytest.mark.parametrize("scenario", ["export", "backup"])
def test_a_killed_export_or_backup_leaves_no_partial_file_after_the_next_start(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, scenario: str
) -> None:
    partial = Path(killed(scenario, tmp_path / "work"))
    assert partial.is_file() and partial.name.startswith(".")
    next_start(capsys, tmp_path / "other.sqlite")
    assert not partial.exists()
    assert not [p for p in partial.parent.iterdir() if p.name.startswith(".")]


def test_private_temporary_data_is_owner_only_and_cleaned_after_a_kill(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = Path(killed("private", tmp_path / "work"))
    assert folder.is_relative_to(private_root())
    assert folder.is_relative_to(os.environ["XDG_CACHE_HOME"])  # the user's, not /tmp
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(private_root().stat().st_mode) == 0o700
    next_start(capsys, tmp_path / "other.sqlite")
    assert not folder.exists()


def test_a_running_process_keeps_its_partial_files(tmp_path: Path) -> None:
    from ptf_desktop.private_files import clean_leftovers
    from ptf_desktop.services.atomic_files import atomic_file

    with atomic_file(tmp_path / "report.csv") as partial:
        partial.write_text("a,b\n")
        assert clean_leftovers() == []
        assert partial.exists()
    assert (tmp_path / "report.csv").read_text() == "a,b\n"


@pytest.mark.slow
def test_a_killed_import_leaves_no_helper_and_no_rows_in_the_temporary_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = set(Path(tempfile.gettempdir()).glob("ptf-import-*"))
    private = private_root() / "tmp"
    private.mkdir(exist_ok=True)
    ours_before = set(private.iterdir())  # this test process's own, kept while it runs
    helper = int(killed("import", tmp_path / "work"))
    assert gone([helper], within=8.0), "the validation helper outlived the import"
    assert set(Path(tempfile.gettempdir()).glob("ptf-import-*")) == before
    left = set(private.iterdir()) - ours_before  # the rows, private, until the next start
    assert [path.name.split("-")[0] for path in left] == ["import"]
    next_start(capsys, tmp_path / "other.sqlite")
    assert not any(path.exists() for path in left)


@pytest.mark.slow
def test_a_killed_certificate_batch_leaves_no_worker_or_resource_tracker(tmp_path: Path) -> None:
    children = [int(pid) for pid in killed("certificates", tmp_path / "work").split()]
    assert len(children) >= 2  # two workers (and the resource tracker)
    assert gone(children), "worker processes outlived the batch"
