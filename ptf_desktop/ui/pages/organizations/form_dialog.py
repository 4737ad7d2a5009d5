"""A small form dialog whose OK button calls a service; a refusal keeps it open.

Used for contacts, testimonials and every membership action: the service decides, and
its message (a rule, or what is wrong with a field) is shown where the person looks,
while nothing has changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ....domain.errors import UserError, ValidationError
from .form_widgets import plain, value_of

Submit = Callable[[dict[str, Any]], None]


class FormDialog(QDialog):
    """Named editors with a message line under each, and one for the whole form."""

    def __init__(
        self, title: str, accept_text: str, submit: Submit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._submit = submit
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._grid = QGridLayout()
        self._grid.setColumnStretch(1, 1)
        self.message = plain(QLabel())
        self.message.setObjectName("formMessage")
        self.message.setProperty("role", "fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self._grid)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def add_note(self, text: str) -> QLabel:
        """A line of explanation across the form."""
        note = plain(QLabel(text))
        note.setWordWrap(True)
        self._grid.addWidget(note, self._grid.rowCount(), 0, 1, 2)
        return note

    def add_field(self, name: str, text: str, editor: QWidget) -> QWidget:
        """Add an editor with its label and its (hidden) message line."""
        row = self._grid.rowCount()
        editor.setObjectName(f"field_{name}")
        caption = QLabel(f"{text}:" if text else "")
        caption.setBuddy(editor)
        error = plain(QLabel())
        error.setObjectName(f"error_{name}")
        error.setProperty("role", "fieldError")
        error.setWordWrap(True)
        error.hide()
        self._grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignRight)
        self._grid.addWidget(editor, row, 1)
        self._grid.addWidget(error, row + 1, 1)
        self.editors[name] = editor
        self.errors[name] = error
        return editor

    def values(self) -> dict[str, Any]:
        """Every editor's value by field name."""
        return {name: value_of(editor) for name, editor in self.editors.items()}

    def show_refusal(self, error: UserError) -> None:
        """Show what was refused: next to the fields named, the rest on the message line."""
        field_errors = error.field_errors if isinstance(error, ValidationError) else {}
        general = [] if field_errors else [str(error)]
        for name, label in self.errors.items():
            label.setText(field_errors.get(name, ""))
            label.setVisible(name in field_errors)
        general += [message for name, message in field_errors.items() if name not in self.errors]
        self.message.setText("\n".join(general))
        self.message.setVisible(bool(general))

    def accept(self) -> None:
        try:
            self._submit(self.values())
        except UserError as error:
            self.show_refusal(error)
            return
        super().accept()


def attempt(parent: QWidget, title: str, action: Callable[[], None]) -> bool:
    """Run an action that needs no form; a refusal is shown in a message box."""
    try:
        action()
    except UserError as error:
        QMessageBox.warning(parent, title, str(error))
        return False
    return True


def ask(parent: QWidget, title: str, text: str, accept_text: str) -> bool:
    """Ask for confirmation with buttons that say what they do; Cancel is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # organization names are shown as typed
    accept = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is accept
