"""What the Organizations list does with several organizations selected.

Export writes the organizations selected (in the list's order) to CSV or Excel. Delete
asks once, deletes each organization that can be deleted (one with invoices cannot: its
invoices are permanent) and puts the deletions on the undo stack as one step. E-mail
drafts asks for a message and a folder, then writes one .eml per organization there in
a worker thread; the organizations without an e-mail address are named in the outcome.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from ....services.context import AppContext
from ....services.errors import DatabaseProblem, UserError
from ....services.register.email_drafts import DraftsWritten
from ....services.register.organization_records import OrganizationQuery, OrganizationRow
from ... import file_dialogs
from ...feedback import say
from ...tasks import Task, start_task
from .display import format_count
from .export_action import export_organizations
from .form_dialog import ask
from .undo_commands import DeleteOrganizationCommand, register_events


def export_selected(
    parent: QWidget, context: AppContext, query: OrganizationQuery, ids: Sequence[uuid.UUID]
) -> None:
    """Export the organizations selected, in the order the list shows them."""
    export_organizations(parent, context, dataclasses.replace(query, ids=frozenset(ids)))


def delete_selected(
    parent: QWidget, context: AppContext, undo_stack: QUndoStack, rows: Sequence[OrganizationRow]
) -> int:
    """Delete the organizations selected after asking; how many were deleted."""
    if not rows:
        return 0
    what = (
        rows[0].display_name if len(rows) == 1 else f"these {format_count(len(rows))} organizations"
    )
    question = (
        f"Delete {what}? They disappear from the register; Edit > Undo (Ctrl+Z) brings them "
        "back with everything they had."
    )
    if not ask(parent, "Delete organizations", question, "Delete"):
        return 0
    events = register_events(undo_stack)
    deleted, refused = 0, []
    undo_stack.beginMacro(f"deletion of {format_count(len(rows))} organizations")
    try:
        for row in rows:
            try:
                context.organizations.delete(row.id)
            except (UserError, DatabaseProblem) as problem:
                refused.append(f"{row.display_name}: {problem}")
                continue
            undo_stack.push(
                DeleteOrganizationCommand(context.organizations, events, row.id, row.display_name)
            )
            deleted += 1
    finally:
        undo_stack.endMacro()
    if refused:
        QMessageBox.warning(
            parent,
            "Some not deleted",
            f"Deleted {format_count(deleted)}. Not deleted:\n\n" + "\n".join(refused),
        )
    return deleted


def write_email_drafts(
    parent: QWidget, context: AppContext, rows: Sequence[OrganizationRow]
) -> Task | None:
    """Ask for the message and a folder, then write the drafts off the GUI thread.

    The outcome (how many, where, which organizations have no address) is shown in a
    message when the drafts are written. None when the person cancelled.
    """
    from .email_drafts_dialog import EmailDraftsDialog

    if not rows:
        return None
    try:
        signature = context.settings.load().legal_name
    except (UserError, DatabaseProblem):
        signature = ""
    dialog = EmailDraftsDialog(len(rows), signature, parent)
    if not dialog.exec():
        return None
    chosen = file_dialogs.get_existing_directory(
        parent, "Folder for the e-mail drafts", str(file_dialogs.last_folder("email drafts"))
    )
    if not chosen:
        return None
    file_dialogs.remember_folder("email drafts", chosen)
    ids = [row.id for row in rows]
    text, roles, service = dialog.text(), dialog.chosen_roles(), context.email_drafts
    return start_task(
        lambda progress: service.write(ids, text, Path(chosen), roles, progress),
        lambda written: _show_drafts_written(parent, written),
        lambda message: _show_drafts_refused(parent, message),
    )


def _show_drafts_refused(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, "E-mail drafts not written", message)


def _show_drafts_written(parent: QWidget, written: DraftsWritten) -> None:
    count = len(written.files)
    message = (
        f"Wrote {format_count(count)} e-mail draft{'s' if count != 1 else ''} to {written.folder}."
    )
    if written.without_email:
        message += (
            "\n\nNo draft for these organizations: no primary or billing contact has an "
            "e-mail address.\n\n" + "\n".join(written.without_email)
        )
    say(f"Wrote {format_count(count)} e-mail draft{'s' if count != 1 else ''}")
    box = QMessageBox(QMessageBox.Icon.Information, "E-mail drafts", message, parent=parent)
    box.setObjectName("emailDraftsWritten")
    box.exec()
