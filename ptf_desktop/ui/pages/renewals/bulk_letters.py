"""Renewal reminders for several members at once: a PDF and an e-mail draft each.

From the Renewals table's context menu: one folder is chosen, then each selected
member's reminder is written there (``LetterService.renewal_reminder``); a member whose
reminder cannot be made is named in the outcome and the others are still written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu, QWidget

from ....services.certificates.letters_service import LetterService
from ....services.errors import DatabaseProblem, UserError
from ....services.renewals.renewal_service import RenewalRow
from ... import file_dialogs


def show_selection_menu(
    page: QWidget,
    count: int,
    at: QPoint,
    set_tier: Callable[[], object],
    write_reminders: Callable[[], object],
) -> None:
    """The table's context menu: the actions that take the ``count`` selected members."""
    if count:
        menu = QMenu(page)
        menu.addAction("Tier at renewal\u2026", set_tier)
        menu.addAction(f"Renewal reminders ({count})\u2026", write_reminders)
        menu.exec(at)


def write_selected_reminders(
    parent: QWidget, letters: LetterService, rows: Sequence[RenewalRow]
) -> str | None:
    """Ask for a folder and write the reminders of ``rows`` there; None when cancelled."""
    folder = choose_reminder_folder(parent, len(rows)) if rows else None
    return write_reminders(letters, rows, folder) if folder is not None else None


def choose_reminder_folder(parent: QWidget, count: int) -> Path | None:
    """Ask for the folder the reminders go into; None when cancelled."""
    title = f"Folder for {count} renewal reminder{'s' if count != 1 else ''}"
    chosen = file_dialogs.get_existing_directory(parent, title)
    return Path(chosen) if chosen else None


def write_reminders(letters: LetterService, rows: Sequence[RenewalRow], folder: Path) -> str:
    """Write the reminder of each member into ``folder``; what was done, naming any refused."""
    written, drafts, refused = 0, 0, []
    for row in rows:
        try:
            files = letters.renewal_reminder(row.organization_id).save(folder)
        except (UserError, DatabaseProblem) as problem:
            refused.append(f"{row.name}: {problem}")
            continue
        written += 1
        drafts += sum(1 for path in files if path.suffix == ".eml")
    message = (
        f"Wrote {written} renewal reminder{'s' if written != 1 else ''} "
        f"({drafts} e-mail draft{'s' if drafts != 1 else ''}) to {folder}."
    )
    if refused:
        message += " Not written: " + "; ".join(refused)
    return message
