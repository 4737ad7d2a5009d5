"""File > Export > Members landscape…: choose a folder, write the landscape there.

The export runs in a worker thread, its progress in the status bar; when it is done a
message says what was written and names the members without a logo, whom the website
team must be asked about. Closing the window stops it (``tasks.stop_tasks``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ..services.marketing.landscape_export import LandscapeExport, counted
from . import file_dialogs
from .tasks import Task, run_task

if TYPE_CHECKING:
    from .window_base import DatabaseWindow

_LISTED = 15  # names shown in the message; the rest are counted


def ask_landscape_folder(window: DatabaseWindow) -> Path | None:
    """Ask for the folder to write the landscape into; None when cancelled."""
    start = str(file_dialogs.last_folder("landscape"))
    chosen = file_dialogs.get_existing_directory(window, "Export members landscape into", start)
    if not chosen:
        return None
    file_dialogs.remember_folder("landscape", chosen)
    return Path(chosen)


class LandscapeExportAction(QObject):
    """One export of the landscape, reported to the person when it ends."""

    def __init__(self, window: DatabaseWindow) -> None:
        super().__init__(window)
        self._window = window
        self._folder = Path()
        self.job: Task | None = None

    def start(self, folder: Path) -> Task:
        """Write the landscape into folder in the background."""
        landscape = self._window.context.landscape
        self._window.statusBar().showMessage(f"Exporting the members landscape to {folder}…")
        self._folder = folder
        self.job = run_task(lambda progress: landscape.export(folder, progress))
        self.job.progressed.connect(self._on_job_progressed)
        self.job.succeeded.connect(self._on_job_succeeded)
        self.job.failed.connect(self._on_job_failed)
        return self.job

    def _on_job_progressed(self, done: int, total: int) -> None:
        self._window.statusBar().showMessage(
            f"Exporting the members landscape to {self._folder}: {done:,} of "
            f"{counted(total, 'logo')} written…"
        )

    def _on_job_succeeded(self, written: LandscapeExport) -> None:
        self._window.statusBar().showMessage(
            f"Members landscape written to {written.landscape_file}", 10_000
        )
        QMessageBox.information(self._window, "Members landscape exported", describe(written))

    def _on_job_failed(self, message: str) -> None:
        self._window.statusBar().clearMessage()
        QMessageBox.critical(self._window, "Members landscape not exported", message)


def describe(written: LandscapeExport) -> str:
    """What an export wrote and which members need attention, for people."""
    lines = [
        f"{counted(written.members, 'current member')} written to {written.landscape_file}, "
        f"{counted(written.logos, 'logo')} to {written.logo_folder}."
    ]
    for what, names in (
        ("no logo and listed without one", written.without_logo),
        ("no website", written.without_homepage),
    ):
        if names:
            lines.append(f"\nWarning: {counted(len(names), 'member')} with {what}:")
            lines.extend(f"  • {name}" for name in names[:_LISTED])
            if len(names) > _LISTED:
                lines.append(f"  … and {len(names) - _LISTED} more.")
    return "\n".join(lines)


def export_landscape(window: DatabaseWindow) -> LandscapeExportAction | None:
    """Ask for a folder and export the members landscape into it."""
    folder = ask_landscape_folder(window)
    if folder is None:
        return None
    action = LandscapeExportAction(window)
    action.start(folder)
    return action
