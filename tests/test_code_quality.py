"""Quality gates run with the suite: lint, formatting, types, layer contracts, lean start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPOSITORY

BIN = Path(sys.executable).parent


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=REPOSITORY, capture_output=True, text=True, check=False, timeout=600
    )


def test_ruff_finds_nothing() -> None:
    result = run_tool(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = run_tool(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = run_tool(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_layer_contracts_are_kept() -> None:
    result = run_tool(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


HEAVY_LIBRARIES = {"sqlalchemy", "alembic", "reportlab", "pycountry", "stdnum", "email_validator"}
# Modules of the app whose import costs start-up tens of milliseconds (Qt enums).
LATE_MODULES = {"ptf_desktop.ui.tasks", "ptf_desktop.ui.busy_work"}


def test_the_main_window_appears_without_heavy_libraries(tmp_path: Path) -> None:
    """Start-up stays close to a bare Qt window: these load when first needed, not before."""
    database = tmp_path / "ptf.sqlite"
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    upgrade = [sys.executable, "-m", "ptf_desktop.cli.main", "--database", str(database)]
    subprocess.run([*upgrade, "db", "upgrade"], env=environment, check=True, capture_output=True)
    create = [sys.executable, "-m", "ptf_desktop", "--database", str(database), "--exit-when-idle"]
    subprocess.run(create, env=environment, check=True, capture_output=True, timeout=120)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *create[1:]],
        env=environment, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    assert "idle-at" in result.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert HEAVY_LIBRARIES & imported == set()
    assert LATE_MODULES & imported == set()
