"""The app keeps its SQLite locks while file dialogs show the database's folder.

On POSIX, closing any descriptor of a file drops every fcntl lock the process holds on
it. A file dialog whose icon provider sniffs the database file released the app's locks;
the next ``ptf`` command then deleted the write-ahead log under the running app. Each
dialog here is shown on the database's folder until the database's row has its icon and
type, then the locks are looked up in /proc/locks and a second process tries to close
the database as if it were the last user (which would delete the WAL).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ptf_desktop.services.context import AppContext
from ptf_desktop.ui import file_dialogs

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs /proc/locks")


def app_locks(database: Path) -> list[str]:
    """The fcntl locks this process holds on a file (read from /proc, never the file)."""
    inode = os.stat(database).st_ino
    lines = Path("/proc/locks").read_text().splitlines()
    return [line for line in lines if f":{inode} " in line and f" {os.getpid()} " in line]


def close_from_second_process(database: Path) -> None:
    """Open and close the database in another process, as a ``ptf`` command does."""
    script = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute('SELECT count(*) FROM sqlite_master').fetchone()\n"
        "c.close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(database)], check=True, timeout=60)


def wal_of(database: Path) -> Path:
    return database.with_name(database.name + "-wal")


@pytest.fixture
def live_database(context: AppContext) -> Path:
    """The context's database with a pooled connection open (it holds the locks)."""
    context.settings.load()
    assert app_locks(context.path), "an open WAL connection holds a shared lock"
    assert wal_of(context.path).exists()
    return context.path


def database_row_shown(dialog: QFileDialog, database: Path) -> bool:
    """Whether the dialog lists the database with its icon and type (what sniffing fills)."""
    model = dialog.findChild(QFileSystemModel)
    if model is None:
        return False
    index = model.index(str(database))
    if not index.isValid():
        return False
    icon = model.data(index, Qt.ItemDataRole.DecorationRole)
    kind = model.data(index.siblingAtColumn(2), Qt.ItemDataRole.DisplayRole)
    return icon is not None and not icon.isNull() and bool(kind)


def inspect_the_next_file_dialog(qtbot: QtBot, database: Path, seen: list[QFileDialog]) -> None:
    """When a file dialog opens: wait until it lists the database, then cancel it."""
    tries = [0]

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        tries[0] += 1
        if tries[0] > 2000 and isinstance(dialog, QFileDialog):  # about 20 s: give up, fail
            dialog.reject()
            return
        if not isinstance(dialog, QFileDialog) or not database_row_shown(dialog, database):
            QTimer.singleShot(10, answer)
            return
        # Give the icon thread time to reach every row (as a person looking would).
        qtbot.wait(200)
        seen.append(dialog)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.reject()

    QTimer.singleShot(0, answer)


def assert_locks_survived(database: Path) -> None:
    assert app_locks(database), "the app lost its SQLite locks on the database"
    close_from_second_process(database)
    assert wal_of(database).exists(), "a second process deleted the write-ahead log"


FACTORY_CALLS: dict[str, Callable[[Path], object]] = {
    "open a file": lambda folder: file_dialogs.get_open_file_name(None, "Open", str(folder)),
    "save a file": lambda folder: file_dialogs.get_save_file_name(
        None, "Save", str(folder / "copy.pdf"), "PDF files (*.pdf)"
    ),
    "choose a folder": lambda folder: file_dialogs.get_existing_directory(
        None, "Folder", str(folder)
    ),
    "open a database": lambda folder: file_dialogs.ask_database_to_open(None, folder),
    "new database": lambda folder: file_dialogs.ask_database_to_create(None, folder),
}


@pytest.mark.parametrize("kind", FACTORY_CALLS)
def test_each_kind_of_file_dialog_keeps_the_database_locks(
    qtbot: QtBot, live_database: Path, kind: str
) -> None:
    seen: list[QFileDialog] = []
    inspect_the_next_file_dialog(qtbot, live_database, seen)
    FACTORY_CALLS[kind](live_database.parent)
    assert len(seen) == 1
    assert_locks_survived(live_database)


def _settings_folder(folder: Path) -> None:
    from PySide6.QtCore import QSettings

    for key in (
        "files/last_database_folder",
        "files/last_import_folder",
        "files/last_export_folder",
        "files/last_report_folder",
        "files/last_landscape_folder",
        "files/last_logo_folder",
    ):
        QSettings().setValue(key, str(folder))


def _window_actions(window: Any) -> dict[str, Callable[[], object]]:
    from ptf_desktop.ui import export_actions
    from ptf_desktop.ui.dialogs import import_dialog
    from ptf_desktop.ui.dialogs.reports_dialog import ReportsDialog
    from ptf_desktop.ui.pages.certificates import letter_actions
    from ptf_desktop.ui.pages.certificates.signing_settings import SigningSettingsWidget
    from ptf_desktop.ui.pages.certificates.verify_dialog import VerifyDialog
    from ptf_desktop.ui.pages.certificates.year_dialog import YearBatchDialog
    from ptf_desktop.ui.pages.organizations import export_action
    from ptf_desktop.ui.pages.organizations.logo_field import LogoField

    def signing() -> Any:
        return SigningSettingsWidget(window.context.certificate_settings, window)

    return {
        "Reports > Export": lambda: ReportsDialog(window.context, None, window)._ask_path(),
        "Verify a certificate": lambda: VerifyDialog(
            window.context.certificate_verifier, window
        )._on_choose_button_clicked(),
        "Signing certificate": lambda: signing()._on_browse_clicked(),
        "Save a test certificate": lambda: signing()._on_create_clicked(),
        "Signature image": lambda: signing()._on_image_clicked(),
        "Folder for the certificates": lambda: YearBatchDialog(window)._on_browse_clicked(),
        "Folder for a letter": lambda: letter_actions.choose_folder(window, "welcome"),
        "Organization logo": lambda: LogoField(window)._on_choose_button_clicked(),
        "File > Open database": window.menus._on_open_database_triggered,
        "File > New database": window.menus._on_new_database_triggered,
        "Import organizations": lambda: import_dialog.ask_csv_to_import(window),
        "Export organizations": lambda: export_action.ask_export_path(window),
        "Export the landscape": lambda: export_actions.ask_landscape_folder(window),
    }


@pytest.mark.parametrize(
    "action",
    [
        "File > Open database",
        "File > New database",
        "Import organizations",
        "Export organizations",
        "Export the landscape",
        "Reports > Export",
        "Verify a certificate",
        "Signing certificate",
        "Save a test certificate",
        "Signature image",
        "Folder for the certificates",
        "Folder for a letter",
        "Organization logo",
    ],
)
def test_the_windows_file_dialogs_keep_the_database_locks(
    qtbot: QtBot, main_window: Any, action: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = main_window.context.path
    main_window.context.settings.load()
    # Every dialog starts in the database's folder: the last folder, home, or here.
    _settings_folder(database.parent)
    monkeypatch.setenv("HOME", str(database.parent))
    monkeypatch.chdir(database.parent)
    seen: list[QFileDialog] = []
    inspect_the_next_file_dialog(qtbot, database, seen)
    _window_actions(main_window)[action]()
    assert len(seen) == 1, "the dialog opened on the database's folder"
    assert_locks_survived(database)


def test_no_file_dialog_is_made_outside_the_factory() -> None:
    package = Path(file_dialogs.__file__).parents[1]
    users = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "QFileDialog" in path.read_text(encoding="utf-8")
        or "QFileSystemModel" in path.read_text(encoding="utf-8")
        or "QFileIconProvider" in path.read_text(encoding="utf-8")
    ]
    assert users == ["ui/file_dialogs.py"]


def test_a_file_of_the_open_database_cannot_be_chosen_to_read_or_overwrite(
    qtbot: QtBot, live_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    answers = [str(wal_of(live_database)), str(live_database)]

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        if answers:
            dialog.selectFile(answers.pop(0))
            dialog.accept()
            QTimer.singleShot(0, lambda: choose(dialog))
        else:
            dialog.reject()

    QTimer.singleShot(0, lambda: choose_when_open(choose))
    assert file_dialogs.get_open_file_name(None, "Import", str(live_database.parent)) == ("", "")
    assert len(warnings) == 2
    assert all("belongs to a database that is open" in text for text in warnings)
    assert_locks_survived(live_database)


def choose_when_open(act: Callable[[QWidget], None]) -> None:
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(10, lambda: choose_when_open(act))
        return
    act(dialog)


def test_describing_the_open_database_keeps_its_locks(live_database: Path) -> None:
    from ptf_desktop.services import database_service

    info = database_service.database_info(live_database)
    assert info.schema_version is not None
    database_service.require_database(live_database)
    assert_locks_survived(live_database)


@pytest.mark.parametrize("button", ["save", "email", "export"])
def test_the_invoice_documents_dialogs_keep_the_database_locks(
    qtbot: QtBot, context: AppContext, button: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage

    from helpers.billing import add_organization, membership_spec
    from helpers.billing_ui import use_plain_pdfs

    use_plain_pdfs(context)
    draft = context.invoices.create_draft(membership_spec(add_organization(context)))
    invoice = context.invoices.issue(draft)
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.show()
    page.refresh(invoice.id)
    page.table.selectAll()
    monkeypatch.chdir(context.path.parent)  # the suggested file names are relative
    seen: list[QFileDialog] = []
    inspect_the_next_file_dialog(qtbot, context.path, seen)
    page.buttons[button].click()
    assert len(seen) == 1
    assert_locks_survived(context.path)
