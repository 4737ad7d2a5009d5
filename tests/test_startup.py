"""Start-up as a person meets it: the installed gui script, logging, the crash dialog."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from ptf_desktop.services.context import open_context
from ptf_desktop.ui.application import install_crash_handler
from ptf_desktop.ui.dialogs.crash_dialog import CrashDialog

from conftest import click_button, when_modal_dialog_opens


def test_the_gui_script_opens_the_database_named_in_the_environment(tmp_path: Path) -> None:
    script = shutil.which("ptf-desktop", path=str(Path(sys.executable).parent))
    assert script is not None, "ptf-desktop is not installed next to this Python"
    database = tmp_path / "from-env.sqlite"
    open_context(database).close()  # a given path is opened, never created silently
    state = tmp_path / "state"
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PTF_DATABASE": str(database),
        "XDG_STATE_HOME": str(state),
    }
    result = subprocess.run(
        [script, "--exit-when-idle"], env=environment, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("idle-at ")
    assert database.exists()
    log = (state / "ptf-desktop" / "log" / "ptf-desktop.log").read_text()
    assert f"database {database}" in log


def test_a_mistyped_database_at_start_up_is_explained_not_created(tmp_path: Path) -> None:
    mistyped = tmp_path / "membres.sqlite"
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path)}
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from ptf_desktop.__main__ import main\n"
        "def answer():\n"
        "    box = QApplication.activeModalWidget()\n"
        "    if box is None:\n"
        "        QTimer.singleShot(20, answer); return\n"
        "    print('DIALOG:', box.text())\n"
        "    print('BUTTONS:', [b.text() for b in box.buttons()])\n"
        "    [b for b in box.buttons() if b.text() == 'Quit'][0].click()\n"
        "app = QApplication(sys.argv)\n"
        "QTimer.singleShot(0, answer)\n"
        f"sys.exit(main(['--database', {str(mistyped)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"DIALOG: There is no database at {mistyped}." in result.stdout
    assert "Create a new database…" in result.stdout
    assert not mistyped.exists()


def test_an_unusable_database_at_start_up_is_explained_not_a_traceback(tmp_path: Path) -> None:
    """Without a person to answer, the dialog is closed by the platform; the exit is 1."""
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("not a database")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from ptf_desktop.__main__ import main\n"
        "def answer():\n"
        "    box = QApplication.activeModalWidget()\n"
        "    if box is None:\n"
        "        QTimer.singleShot(20, answer); return\n"
        "    print('DIALOG:', box.text())\n"
        "    [b for b in box.buttons() if b.text() == 'Quit'][0].click()\n"
        "app = QApplication(sys.argv)\n"
        "QTimer.singleShot(0, answer)\n"
        f"sys.exit(main(['--database', {str(bogus)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"DIALOG: {bogus} is not a PTF Desktop database." in result.stdout
    assert "Traceback" not in result.stderr
    assert bogus.read_text() == "not a database"


def test_a_bug_reaches_the_crash_dialog_with_its_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    previous = sys.excepthook
    install_crash_handler(tmp_path / "ptf-desktop.log")
    shown: list[str] = []

    def read_and_close(dialog: CrashDialog) -> None:
        assert isinstance(dialog, CrashDialog)
        shown.append(dialog.findChild(QPlainTextEdit).toPlainText())
        click_button(dialog, "Close")

    try:
        when_modal_dialog_opens(qtbot, read_and_close)
        try:
            raise RuntimeError("an unexpected state")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    assert "RuntimeError: an unexpected state" in shown[0]
    assert "Traceback" in shown[0]
