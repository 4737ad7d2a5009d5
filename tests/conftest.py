"""Shared fixtures: an isolated environment, temporary databases and the tricky names.

Qt runs on the offscreen platform, and HOME and the XDG folders point into a temporary
folder so that no test reads or writes the user's settings, logs or database.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_ISOLATED_HOME = Path(tempfile.mkdtemp(prefix="ptf-tests-home-"))
atexit.register(shutil.rmtree, _ISOLATED_HOME, ignore_errors=True)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HOME"] = str(_ISOLATED_HOME)
os.environ["XDG_CONFIG_HOME"] = str(_ISOLATED_HOME / "config")
os.environ["XDG_DATA_HOME"] = str(_ISOLATED_HOME / "data")
os.environ["XDG_STATE_HOME"] = str(_ISOLATED_HOME / "state")
os.environ["XDG_CACHE_HOME"] = str(_ISOLATED_HOME / "cache")
os.environ.pop("PTF_DATABASE", None)
# No test may reach the machine's real keyring; tests that need one use memory_keyring.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

REPOSITORY = Path(__file__).resolve().parents[1]
TRICKY_NAMES_FILE = Path(__file__).with_name("data") / "tricky-organization-names.txt"


def read_tricky_names() -> list[str]:
    """Every organization name of the shared list (comments skipped, nothing else changed)."""
    lines = TRICKY_NAMES_FILE.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line and not line.startswith("#")]


@pytest.fixture
def tricky_names() -> list[str]:
    return read_tricky_names()


@pytest.fixture
def memory_keyring() -> Iterator[object]:
    """An in-memory keyring backend, installed for one test."""
    import keyring

    from helpers.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    """Where a test's database goes; the file does not exist yet."""
    return tmp_path / "data" / "ptf.sqlite"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the services' tests marked ``both_databases`` on SQLite and on PostgreSQL.

    The team server's schema is the laptops' schema: the services must work on both.
    Window tests (qtbot) stay on SQLite: the window is the laptop's, and they are slow.
    """
    marked = metafunc.definition.get_closest_marker("both_databases")
    if marked is None or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if "qtbot" in metafunc.fixturenames:
        return
    if "context" in metafunc.fixturenames:
        metafunc.parametrize("database_backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def database_backend(request: pytest.FixtureRequest) -> str:
    """The database a test's ``context`` runs on: SQLite unless the test is parametrized."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def context(
    database_path: Path, database_backend: str, request: pytest.FixtureRequest
) -> Iterator[object]:
    """An AppContext on a fresh, migrated database (SQLite, or PostgreSQL when asked)."""
    from ptf_desktop.services.context import open_context

    if database_backend == "postgresql":
        ctx = postgres_context(request.getfixturevalue("postgres_url"), database_path)
    else:
        ctx = open_context(database_path)
    yield ctx
    ctx.close()


@pytest.fixture
def main_window(qtbot: object, context: object, tmp_path: Path) -> Iterator[object]:
    """The main window on a fresh database, shown."""
    from ptf_desktop.paths import AppPaths
    from ptf_desktop.ui.main_window import MainWindow

    paths = AppPaths(data_dir=tmp_path, log_dir=tmp_path / "logs", database=context.path)  # type: ignore[attr-defined]
    window = MainWindow(context, paths)  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    yield window
    # A test that failed with unsaved edits must not leave closing to ask about them:
    # the question would wait for an answer no one gives.
    for page in list(window._built.values()):
        if getattr(page, "has_unsaved_changes", lambda: False)():
            page.discard_changes()  # type: ignore[attr-defined]


@pytest.fixture
def pdf_printer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Printing writes a PDF file instead of asking for a printer; the file's path."""
    from PySide6.QtPrintSupport import QPrinter

    from ptf_desktop.ui import printing

    target = tmp_path / "printed.pdf"

    def choose(_parent: object, _title: str) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer

    monkeypatch.setattr(printing, "choose_printer", choose)
    return target


def when_modal_dialog_opens(qtbot: object, act: object) -> None:
    """Run act(dialog) on the next modal dialog, as a person would answer it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        act(dialog)  # type: ignore[operator]

    QTimer.singleShot(0, answer)


def click_button(dialog: object, text: str) -> None:
    """Click the button of a dialog whose text is exactly ``text``."""
    from PySide6.QtWidgets import QAbstractButton

    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text() == text]  # type: ignore[attr-defined]
    assert buttons, f"no button {text!r} in {dialog}"
    buttons[0].click()


@pytest.fixture(scope="session")
def built_bundle(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The one-folder bundle, built with PyInstaller once per run (minutes: slow tests).

    PTF_TEST_BUNDLE=dist/ptf-desktop uses a bundle built before instead (it must be built
    from the code under test).
    """
    import importlib.util

    from helpers.bundle import Bundle, build_bundle

    if os.environ.get("PTF_TEST_BUNDLE"):
        folder = Path(os.environ["PTF_TEST_BUNDLE"]).resolve()
        return Bundle(folder, folder / folder.name, build_seconds=0.0)
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[test]' brings it)")
    return build_bundle(tmp_path_factory.mktemp("bundle"))


# PostgreSQL: a server per session, a fresh database per test (see helpers/postgres.py).
from helpers.postgres import (  # noqa: E402, F401
    empty_postgres_url,
    postgres_context,
    postgres_server_url,
    postgres_template,
    postgres_url,
    sync_database_url,
    sync_server_template,
)
