"""The ``ptf`` command: db info, upgrade, check and backup; one clear line for user errors."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from ptf_desktop import __version__
from ptf_desktop.cli.main import main
from ptf_desktop.persistence.database_file import SCHEMA_VERSION


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    try:
        status = main(list(arguments))
    except SystemExit as exit_:  # argparse's --version and usage errors
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--version")
    assert (status, out.strip()) == (0, f"ptf {__version__}")


def test_upgrade_creates_then_reports_up_to_date(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    status, out, _ = run(capsys, "--database", str(database_path), "db", "upgrade")
    assert status == 0 and f"Created {database_path} at schema version {SCHEMA_VERSION}" in out
    status, out, _ = run(capsys, "--database", str(database_path), "db", "upgrade")
    assert status == 0 and "already at schema version" in out


def test_info_shows_path_schema_and_counts(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    run(capsys, "--database", str(database_path), "db", "upgrade")
    status, out, _ = run(capsys, "--database", str(database_path), "db", "info")
    assert status == 0
    assert str(database_path) in out
    assert f"Schema version:  {SCHEMA_VERSION}" in out
    assert "foundation_settings" in out and "audit_log" in out


def test_database_from_the_environment(
    capsys: pytest.CaptureFixture[str], database_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTF_DATABASE", str(database_path))
    status, out, _ = run(capsys, "db", "upgrade")
    assert status == 0 and str(database_path) in out and database_path.exists()


@pytest.mark.parametrize("action", ["info", "check", "backup"])
def test_a_missing_database_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], database_path: Path, action: str
) -> None:
    status, out, err = run(capsys, "--database", str(database_path), "db", action)
    assert status == 1 and out == ""
    assert err == f"ptf: error: There is no database at {database_path}.\n"
    assert not database_path.exists()


def test_check_passes_on_a_sound_file_and_fails_on_a_damaged_one(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    run(capsys, "--database", str(database_path), "db", "upgrade")
    status, out, _ = run(capsys, "--database", str(database_path), "db", "check")
    assert status == 0 and "integrity check passed" in out
    with closing(sqlite3.connect(database_path)) as connection:
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_master SET rootpage = (SELECT rootpage FROM sqlite_master "
            "WHERE name = 'ix_audit_log_occurred_at') WHERE name = 'ix_audit_log_entity_id'"
        )
        connection.commit()
    status, out, _ = run(capsys, "--database", str(database_path), "db", "check")
    assert status == 1 and "is damaged" in out


def test_check_on_a_wrecked_file_says_damaged(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    run(capsys, "--database", str(database_path), "db", "upgrade")
    data = bytearray(database_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    database_path.write_bytes(bytes(data))
    status, out, err = run(capsys, "--database", str(database_path), "db", "check")
    assert status == 1
    assert "damaged" in out + err and "Traceback" not in err


def test_backup_to_a_chosen_file(
    capsys: pytest.CaptureFixture[str], database_path: Path, tmp_path: Path
) -> None:
    run(capsys, "--database", str(database_path), "db", "upgrade")
    target = tmp_path / "copies" / "ptf-copy.sqlite"
    status, out, _ = run(capsys, "--database", str(database_path), "db", "backup", "--out",
                         str(target))  # fmt: skip
    assert status == 0 and out.strip() == str(target)
    status, out, _ = run(capsys, "--database", str(target), "db", "check")
    assert status == 0


def test_backup_to_a_full_device_is_one_line(
    capsys: pytest.CaptureFixture[str], database_path: Path, tmp_path: Path
) -> None:
    run(capsys, "--database", str(database_path), "db", "upgrade")
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    status, out, err = run(capsys, "--database", str(database_path), "db", "backup", "--out",
                           str(blocker / "x.sqlite"))  # fmt: skip
    assert status == 1 and out == ""
    assert err.startswith("ptf: error: ") and err.count("\n") == 1


def test_not_a_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    status, _, err = run(capsys, "--database", str(path), "db", "upgrade")
    assert status == 1 and "is not a PTF Desktop database" in err
    assert path.read_text() == "hello"


def test_the_installed_console_script(database_path: Path) -> None:
    """The ``ptf`` entry point of pyproject.toml, run as a user would."""
    script = shutil.which("ptf", path=str(Path(sys.executable).parent))
    assert script is not None, "ptf is not installed next to this Python"
    result = subprocess.run(
        [script, "--database", str(database_path), "db", "info"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == f"ptf: error: There is no database at {database_path}.\n"
