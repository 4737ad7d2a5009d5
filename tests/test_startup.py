"""Start-up as a person meets it: the installed gui script, logging, the crash dialog.

And start-up stays close to a bare Qt window: what the first paint does not need loads
after it (benchmarks/startup.py measures the difference).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from ptf_desktop.logging_setup import setup_logging, start_rotation
from ptf_desktop.services.context import open_context
from ptf_desktop.ui.application import install_crash_handler
from ptf_desktop.ui.dialogs.crash_dialog import CrashDialog

from conftest import click_button, when_modal_dialog_opens

# Libraries the window appears without: the areas' warm-up loads them once it is shown.
HEAVY_LIBRARIES = {
    "sqlalchemy", "alembic", "reportlab", "pycountry", "stdnum", "email_validator", "keyring",
    "PIL", "pikepdf", "lxml", "cryptography", "pyhanko", "openpyxl", "yaml", "segno", "pypdf",
    "facturx", "asyncio", "ssl", "multiprocessing", "concurrent",
}  # fmt: skip
# Modules of the app that only follow the first paint (the workers' Qt enums alone cost
# tens of milliseconds).
LATE_MODULES = {
    "ptf_desktop.ui.tasks", "ptf_desktop.ui.busy_work", "ptf_desktop.ui.automatic_backup",
    "ptf_desktop.ui.pages.renewals.status_check", "ptf_desktop.ui.opening_notice",
    "ptf_desktop.services.database_service", "ptf_desktop.persistence.backups",
    "logging.handlers", "ptf_desktop.ui.warm_up", "ptf_desktop.private_files",
    "ptf_desktop.processes", "ctypes", "subprocess", "secrets", "hashlib",
    # An application-wide Python event filter makes PySide6 build the Python types of
    # every Qt class an event's private receiver might be (40 ms).
    "ptf_desktop.ui.wheel_guard",
    # QMessageBox and a runtime-checkable protocol, for a question the first area never asks.
    "ptf_desktop.ui.unsaved",
}  # fmt: skip


def _start_up_imports(tmp_path: Path) -> list[str]:
    """The modules ``python -m ptf_desktop`` imports until its window is idle, in order."""
    database = tmp_path / "ptf.sqlite"
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path)}
    # Only `ptf db upgrade` (or New database in the window) creates a database.
    upgrade = [sys.executable, "-m", "ptf_desktop.cli.main", "--database", str(database)]
    subprocess.run([*upgrade, "db", "upgrade"], env=environment, check=True, capture_output=True)
    create = [sys.executable, "-m", "ptf_desktop", "--database", str(database), "--exit-when-idle"]
    subprocess.run(create, env=environment, check=True, capture_output=True, timeout=120)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *create[1:]],
        env=environment, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    assert "idle-at" in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    return [line.rsplit("|", 1)[-1].strip() for line in lines]


def test_the_main_window_appears_without_heavy_libraries(tmp_path: Path) -> None:
    """Start-up stays close to a bare Qt window: these load when first needed, not before."""
    imported = set(_start_up_imports(tmp_path))
    assert {name.split(".")[0] for name in imported} & HEAVY_LIBRARIES == set()
    assert LATE_MODULES & imported == set()
    if sys.platform.startswith("linux"):  # elsewhere platformdirs finds the folders
        assert "platformdirs" not in imported
    # No page and no service but the context: pages are built after the first paint.
    pages = {name for name in imported if name.startswith("ptf_desktop.ui.pages.")}
    services = {name for name in imported if name.startswith("ptf_desktop.services.")}
    assert pages == set()
    assert services <= {"ptf_desktop.services.context", "ptf_desktop.services.errors"}


def test_start_up_modules_without_qt_load_before_pyside(tmp_path: Path) -> None:
    """PySide6 reads the source of each module imported after it: keep those to the ui."""
    imported = _start_up_imports(tmp_path)
    after_qt = imported[imported.index("PySide6.QtCore") + 1 :]
    ours = [name for name in after_qt if name.startswith("ptf_desktop.")]
    assert ours and all(name.startswith("ptf_desktop.ui.") for name in ours), ours
    for library in ("sqlite3", "logging.handlers", "platformdirs", "dataclasses"):
        assert library not in after_qt


# Runs the app and prints, when its window is idle, the Python enum types PySide6 built.
_ENUMS_BUILT_UNTIL_IDLE = """
import enum, json, runpy, sys
built = []
create = enum.EnumType._create_
def spy(cls, class_name, names, *args, **kwargs):
    built.append(class_name + ("(QEvent)" if "PaletteChange" in repr(names) else ""))
    return create(cls, class_name, names, *args, **kwargs)
enum.EnumType._create_ = spy
import ptf_desktop.ui.application as application
def report_when_idle(app):
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, lambda: (print(json.dumps(built), flush=True), app.quit()))
application.exit_when_idle = report_when_idle
sys.argv = ["ptf-desktop", *sys.argv[1:]]
runpy.run_module("ptf_desktop", run_name="__main__")
"""


def test_the_window_is_idle_before_qt_builds_what_it_does_not_need(tmp_path: Path) -> None:
    """Qt's namespace, QEvent's types and every Qt class's types wait for the first paint.

    They cost 20-40 ms, 4 ms and 40 ms (the last is what an application-wide Python event
    filter brings).
    """
    database = tmp_path / "ptf.sqlite"
    open_context(database).close()
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", _ENUMS_BUILT_UNTIL_IDLE, "--database", str(database),
         "--exit-when-idle"],
        env=environment, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    built = json.loads(result.stdout.splitlines()[-1])
    assert "GlobalColor" not in built and "AlignmentFlag" not in built  # Qt's namespace
    assert "Type(QEvent)" not in built
    assert "SliderAction" not in built and len(built) < 120, built  # every class's types


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


def test_the_log_file_starts_rotating_without_losing_a_record(tmp_path: Path) -> None:
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        log_file = setup_logging(tmp_path, rotate=False)
        logging.getLogger("ptf_desktop.test").warning("before the first paint")
        start_rotation(log_file)
        logging.getLogger("ptf_desktop.test").warning("after the first paint")
        added = [handler for handler in root.handlers if handler not in handlers]
        assert [type(handler) for handler in added] == [RotatingFileHandler]
        assert added[0].maxBytes == 1_000_000 and added[0].backupCount == 5
    finally:
        for handler in root.handlers:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
    text = (tmp_path / "ptf-desktop.log").read_text()
    assert "before the first paint" in text and "after the first paint" in text


def test_leftovers_are_cleaned_once_the_window_is_on_screen(
    qtbot: QtBot, main_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cleaning up after a killed run waits for the first paint, then precedes the warm-up.

    So does the wheel guard, for the dialogs of the menus (pages install it when built).
    """
    from ptf_desktop import __main__ as composition_root
    from ptf_desktop import private_files
    from ptf_desktop.ui import wheel_guard

    steps: list[str] = []
    monkeypatch.setattr(wheel_guard, "install_wheel_guard", lambda: steps.append("wheel guard"))
    monkeypatch.setattr(private_files, "clean_leftovers", lambda: steps.append("clean") or [])
    monkeypatch.setattr(
        main_window, "start_warm_up",
        lambda then, day_check: steps.append("warm-up with the day's check" if day_check else ""),
    )  # fmt: skip
    monkeypatch.setattr(sys, "setswitchinterval", lambda _interval: None)
    composition_root.after_first_paint(main_window)
    assert steps == []  # nothing before the event loop runs: the window paints first
    qtbot.waitUntil(lambda: steps == ["wheel guard", "clean", "warm-up with the day's check"])
