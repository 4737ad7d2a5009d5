"""A small form dialog whose OK button calls a service; a refusal keeps it open.

Used for contacts, testimonials and every membership action: the service decides, and
its message (a rule, or what is wrong with a field) is shown where the person looks,
while nothing has changed. The messages have their place kept from the start, so one
appearing never moves a field or a button under the pointer; a form may also check a
field as the person leaves it (``check_on_leave``). The dialog opens with the focus in
its first field.
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
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ....domain.errors import UserError, ValidationError
from ...widgets.reserved_label import ReservedLabel
from .form_widgets import plain, value_of

Submit = Callable[[dict[str, Any]], None]
# Reads a form's values; raises ValidationError naming what is wrong (e.g. validate_contact).
Check = Callable[[dict[str, Any]], object]


class FormDialog(QDialog):
    """Named editors with a message line under each, and one for the whole form."""

    def __init__(
        self, title: str, accept_text: str, submit: Submit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(540)  # room for a whole e-mail refusal on one line
        self._submit = submit
        self._check: Check | None = None
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ReservedLabel] = {}
        self._grid = QGridLayout()
        self._grid.setColumnStretch(1, 1)
        self._grid.setVerticalSpacing(2)  # a field's message sits close under it
        self.message = _message_line("formMessage", lines=2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        # The form-wide message has its two lines kept over the buttons: they never move.
        layout.addWidget(self.message)
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
        error = _message_line(f"error_{name}")
        self._grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignRight)
        self._grid.addWidget(editor, row, 1)
        self._grid.addWidget(error, row + 1, 1)
        self.editors[name] = editor
        self.errors[name] = error
        if isinstance(editor, QLineEdit):
            editor.editingFinished.connect(lambda: self._on_field_left(name))
        return editor

    def check_on_leave(self, check: Check) -> None:
        """Check a typed field when the person leaves it, showing what is wrong under it."""
        self._check = check

    def show_field_error(self, name: str, message: str) -> None:
        """Show (or, with "", clear) the message under one field."""
        label = self.errors[name]
        label.setText(message)
        label.setVisible(bool(message))

    def values(self) -> dict[str, Any]:
        """Every editor's value by field name."""
        return {name: value_of(editor) for name, editor in self.editors.items()}

    def show_refusal(self, error: UserError) -> None:
        """Show what was refused: next to the fields named, the rest on the message line."""
        field_errors = error.field_errors if isinstance(error, ValidationError) else {}
        general = [] if field_errors else [str(error)]
        for name in self.errors:
            self.show_field_error(name, field_errors.get(name, ""))
        general += [message for name, message in field_errors.items() if name not in self.errors]
        self.message.setText("\n".join(general))
        self.message.setVisible(bool(general))

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        # The buttons were made first, so Qt would start on OK: start in the first field.
        focused = self.focusWidget()
        if self.editors and (focused is None or focused in self.buttons.buttons()):
            next(iter(self.editors.values())).setFocus(Qt.FocusReason.TabFocusReason)

    def accept(self) -> None:
        try:
            self._submit(self.values())
        except UserError as error:
            self.show_refusal(error)
            return
        super().accept()

    def _on_field_left(self, name: str) -> None:
        if self._check is None or not self.isVisible():
            return  # not checked, or the dialog is closing
        try:
            self._check(self.values())
        except ValidationError as error:
            self.show_field_error(name, error.field_errors.get(name, ""))
        else:
            self.show_field_error(name, "")


def _message_line(name: str, lines: int = 1) -> ReservedLabel:
    """A hidden message in the error colour whose space is kept."""
    label = ReservedLabel(name, lines)
    label.setProperty("role", "fieldError")
    label.hide()
    return label


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
