"""A database open in one window is offered read-only (or not at all) to a second one.

The command line beside an open window keeps working on the same file, and leaves the
window's locks and write-ahead log alone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ptf_desktop.paths import AppPaths
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.errors import DatabaseReadOnly
from ptf_desktop.services.register.organization_records import OrganizationQuery
from ptf_desktop.ui.instance_lock import READ_ONLY_BUTTON, lock_file_of, open_for_window
from ptf_desktop.ui.main_window import MainWindow

from conftest import REPOSITORY, click_button, when_modal_dialog_opens
from helpers.organization_csv import row, write_csv

ORGANIZATION = {"display_name": "Ünïcode Lab 東京", "org_type": "academic", "country": "JP"}


def names(context: AppContext) -> set[str]:
    rows = context.organization_queries.page(OrganizationQuery(), 0, 100)
    return {row.display_name for row in rows}


def answer_second_instance(
    qtbot: QtBot, button: str, shown: list[str], picture: Path | None = None
) -> None:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        shown.append(f"{dialog.windowTitle()}\n{dialog.text()}\n{dialog.informativeText()}")
        if picture is not None:
            dialog.grab().save(str(picture))
        click_button(dialog, button)

    when_modal_dialog_opens(qtbot, act)


@pytest.fixture
def first_window(database_path: Path) -> Any:
    context = open_for_window(database_path, None)
    assert context is not None
    context.settings.load()
    yield context
    context.close()


def test_a_second_window_is_warned_and_may_open_read_only(
    qtbot: QtBot, first_window: AppContext, tmp_path: Path
) -> None:
    shown: list[str] = []
    first_window.organizations.create(ORGANIZATION)
    answer_second_instance(qtbot, READ_ONLY_BUTTON, shown, tmp_path / "second-instance.png")
    second = open_for_window(first_window.path, None)
    assert second is not None
    try:
        assert len(shown) == 1
        assert "Database already open" in shown[0]
        assert f"{first_window.path.name} is already open in another PTF Desktop window" in shown[0]
        assert f"process {os.getpid()}" in shown[0]
        assert second.read_only
        assert names(second) == {ORGANIZATION["display_name"]}
        with pytest.raises(DatabaseReadOnly, match="open read-only in this window"):
            second.organizations.create({**ORGANIZATION, "display_name": "Second"})
    finally:
        second.close()
    # The first window still writes, and its lock was not taken by the second.
    first_window.organizations.create({**ORGANIZATION, "display_name": "Third"})
    assert lock_file_of(first_window.path).exists()


def test_a_second_window_may_cancel(qtbot: QtBot, first_window: AppContext) -> None:
    shown: list[str] = []
    answer_second_instance(qtbot, "Cancel", shown)
    assert open_for_window(first_window.path, None) is None
    assert len(shown) == 1


def test_the_lock_is_released_when_the_window_closes_its_database(
    qtbot: QtBot, database_path: Path
) -> None:
    first = open_for_window(database_path, None)
    assert first is not None
    first.close()
    assert not lock_file_of(database_path).exists()
    again = open_for_window(database_path, None)  # no question asked
    assert again is not None and not again.read_only
    again.close()


def test_a_lock_left_by_a_killed_app_is_taken_over(qtbot: QtBot, database_path: Path) -> None:
    open_context(database_path).close()
    script = (
        "import sys, time\n"
        "from PySide6.QtCore import QLockFile\n"
        "lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)\n"
        "assert lock.tryLock(0)\n"
        "print('locked', flush=True)\n"
        "time.sleep(120)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(lock_file_of(database_path))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    holder.stdout.close()
    context = open_for_window(database_path, None)  # no question: the holder is gone
    assert context is not None and not context.read_only
    context.close()


def test_the_window_title_says_read_only(
    qtbot: QtBot, first_window: AppContext, tmp_path: Path
) -> None:
    answer_second_instance(qtbot, READ_ONLY_BUTTON, [])
    second = open_for_window(first_window.path, None)
    assert second is not None
    paths = AppPaths(data_dir=tmp_path, log_dir=tmp_path / "logs", database=second.path)
    window = MainWindow(second, paths)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().startswith(f"{second.path.name} (read-only)")
    window.close()


def ptf(database: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    return subprocess.run(
        [sys.executable, "-m", "ptf_desktop.cli.main", "--database", str(database), *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_the_command_line_works_beside_an_open_window(
    first_window: AppContext, tmp_path: Path
) -> None:
    from test_gui_database_locks import app_locks, wal_of

    first_window.organizations.create(ORGANIZATION)
    csv = write_csv(tmp_path / "more.csv", [row(name="Command Line Co")])
    imported = ptf(first_window.path, "organizations", "import", str(csv))
    assert imported.returncode == 0, imported.stderr
    listed = ptf(first_window.path, "organizations", "list")
    assert listed.returncode == 0 and ORGANIZATION["display_name"] in listed.stdout
    checked = ptf(first_window.path, "db", "check")
    assert checked.returncode == 0, checked.stderr
    # The window still holds its locks, its WAL is still there, and it sees the new row.
    assert app_locks(first_window.path)
    assert wal_of(first_window.path).exists()
    assert names(first_window) == {ORGANIZATION["display_name"], "Command Line Co"}
