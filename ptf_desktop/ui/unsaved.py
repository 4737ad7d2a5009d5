"""Asking before unsaved edits are lost: Save, Discard or Cancel.

A page or window with a form offers ``has_unsaved_changes()``, ``save_changes()`` (True
when saved) and ``discard_changes()``; leaving it (another area, closing the app)
asks first. Save saves and leaves, unless the save was refused: then the form stays,
showing what to correct. Cancel stays where the person was.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


@runtime_checkable
class HoldsEdits(Protocol):
    """A form that can hold edits not saved yet."""

    def has_unsaved_changes(self) -> bool:
        """Whether something was changed and not saved."""
        ...  # pragma: no cover

    def save_changes(self) -> bool:
        """Save; whether it was saved (False: the form shows what to correct)."""
        ...  # pragma: no cover

    def discard_changes(self) -> None:
        """Show the stored values again."""
        ...  # pragma: no cover


def may_leave(form: object, what: str, parent: QWidget | None) -> bool:
    """Whether the person may leave ``form``: nothing unsaved, saved, or discarded."""
    if not isinstance(form, HoldsEdits) or not form.has_unsaved_changes():
        return True
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Unsaved changes",
        f"{what} has changes that are not saved. Save them?",
        parent=parent,
    )
    box.setObjectName("unsavedChanges")
    box.setTextFormat(Qt.TextFormat.PlainText)  # an organization's name is shown as typed
    save = box.addButton(QMessageBox.StandardButton.Save)
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    if box.clickedButton() is save:
        return form.save_changes()
    if box.clickedButton() is discard:
        form.discard_changes()
        return True
    return False
