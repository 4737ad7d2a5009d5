"""What the Organizations list does with several organizations selected: export, delete.

Export writes the organizations selected (in the list's order) to CSV or Excel. Delete
asks once, deletes each organization that can be deleted (one with invoices cannot: its
invoices are permanent) and puts the deletions on the undo stack as one step.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from ....services.context import AppContext
from ....services.errors import DatabaseProblem, UserError
from ....services.register.organization_records import OrganizationQuery, OrganizationRow
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
