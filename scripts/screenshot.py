"""Grab screenshots of the main window for the README and for looking at changes.

Usage: QT_QPA_PLATFORM=offscreen python scripts/screenshot.py OUT_FOLDER
Writes one PNG per area into OUT_FOLDER, using a temporary database.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QApplication, QScrollArea

from ptf_desktop.paths import AppPaths
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.database_service import back_up, list_backups
from ptf_desktop.ui.application import create_application
from ptf_desktop.ui.dialogs.about_dialog import AboutDialog
from ptf_desktop.ui.dialogs.restore_dialog import RestoreDialog
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages import AREAS
from ptf_desktop.ui.pages.settings_page import SettingsPage


def main() -> None:
    """Write the screenshots."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # keep the user's settings out
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        database = Path(folder) / "demo.sqlite"
        context = open_context(database)
        context.settings.save(
            {
                "tax_id": "46-0825839",
                "billing_email": "billing@pytorch.org",
                "bank_name": "First Republic Example Bank",
                "bank_account": "000123456789",
                "aba_routing": "121000358",
                "iban": "GB82 WEST 1234 5698 7654 32",
                "swift_bic": "DEUTDEFF",
                "signatory_name": "Jane Example",
                "signatory_title": "Executive Director",
            }
        )
        window = MainWindow(context, AppPaths(Path(folder), Path(folder), database))
        window.resize(1180, 780)
        window.show()
        for area in AREAS:
            window.page(area.key)
            _settle(app)
            window.grab().save(str(out / f"{area.key}.png"))
        _grab_dialogs(window, context, out)
        window.close()


def _settle(app: QApplication, seconds: float = 10.0) -> None:
    """Let the page's reads in worker threads finish, so the grab shows what they read."""
    from ptf_desktop.ui import tasks

    start = time.monotonic()
    deadline = start + seconds
    # Pages start their first read a moment after they are shown (once the window is idle).
    while time.monotonic() < start + 0.5 or (tasks.busy() and time.monotonic() < deadline):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    app.processEvents()


def _grab_dialogs(window: MainWindow, context: AppContext, out: Path) -> None:
    """The About and Restore dialogs, and the settings form showing a refused value."""
    back_up(context.path)
    back_up(context.path)
    for name, dialog in (
        ("about", AboutDialog(context, window.paths, window)),
        ("restore", RestoreDialog(list_backups(context.path), window)),
    ):
        dialog.show()
        QApplication.processEvents()
        dialog.grab().save(str(out / f"dialog-{name}.png"))
        dialog.close()
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    page.fields["iban"].editor.setText("GB82 WEST 1234 5698 7654 33")  # type: ignore[union-attr]
    page.fields["billing_email"].editor.setText("billing@")  # type: ignore[union-attr]
    page.save_button.setEnabled(True)
    page.save_button.click()
    page.tabs.widget(0).findChild(QScrollArea).verticalScrollBar().setValue(0)  # type: ignore[union-attr]
    QApplication.processEvents()
    window.grab().save(str(out / "settings-refused.png"))


if __name__ == "__main__":
    main()
