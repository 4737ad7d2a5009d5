"""Telling the person that the open database is damaged, and offering a sound backup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ..services.database_service import DamageReport

if TYPE_CHECKING:
    from .window_base import DatabaseWindow

RESTORE_BUTTON = "Restore this backup…"
_SHOWN_PROBLEMS = 3


def build_damage_box(window: DatabaseWindow, report: DamageReport) -> QMessageBox:
    """The message box that explains the damage (tests look at it without running it)."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("The database is damaged")
    box.setText(
        f"SQLite's check found damage in {report.path.name}. No backup was made of it, so "
        "the sound backups are kept."
    )
    details = "\n".join(report.problems[:_SHOWN_PROBLEMS])
    if len(report.problems) > _SHOWN_PROBLEMS:
        details += f"\n… and {len(report.problems) - _SHOWN_PROBLEMS} more"
    newest = report.newest_good
    if newest is None:
        advice = "There is no sound backup to restore. Keep working only after copying the file."
    else:
        advice = (
            f"The newest sound backup is from {newest.created.astimezone():%Y-%m-%d %H:%M} "
            f"({newest.path.name}). Restoring it keeps a copy of the damaged file."
        )
    box.setInformativeText(f"{details}\n\n{advice}")
    if newest is not None:
        box.addButton(RESTORE_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    return box


def offer_restore(window: DatabaseWindow, report: DamageReport) -> None:
    """Explain the damage; restore the newest sound backup if the person asks for it."""
    box = build_damage_box(window, report)
    box.exec()
    clicked = box.clickedButton()
    if report.newest_good is not None and clicked is not None and clicked.text() == RESTORE_BUTTON:
        from .database_actions import restore_backup

        restore_backup(window, report.newest_good)
