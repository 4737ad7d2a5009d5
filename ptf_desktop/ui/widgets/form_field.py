"""A form field: an editor with its label and a message line for what is wrong with it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from .problem_label import problem_label
from .value_editors import ValueEditor

Editor = QLineEdit | QSpinBox | QComboBox | QCheckBox | ValueEditor


UNSAVED = "Unsaved changes"


class FormField(QObject):
    """Wraps one editor: read and set its value as text, show or clear an error under it.

    Signals:
        edited: the user changed the value.
        left: the user finished editing (focus left or Return pressed).
    """

    edited = Signal()
    left = Signal()

    def __init__(
        self, name: str, label: str, editor: Editor, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.label = QLabel(f"{label}:")
        self.label.setBuddy(editor)
        self.editor = editor
        editor.setObjectName(f"field_{name}")
        self.error_label = problem_label(f"error_{name}")
        if isinstance(editor, ValueEditor):  # lists and yearly dates: each change is final
            editor.edited.connect(self.edited)
            editor.edited.connect(self.left)
        elif isinstance(editor, QLineEdit):
            editor.textEdited.connect(self.edited)
            editor.editingFinished.connect(self.left)
        elif isinstance(editor, QSpinBox):
            editor.valueChanged.connect(self.edited)
            editor.editingFinished.connect(self.left)
        elif isinstance(editor, QCheckBox):  # a switch: each click is a finished edit
            editor.clicked.connect(self.edited)
            editor.clicked.connect(self.left)
        else:
            editor.activated.connect(self.edited)
            editor.activated.connect(self.left)

    def value(self) -> Any:
        """The value as the user entered it (text, a number, a switch, or the combo's data)."""
        if isinstance(self.editor, ValueEditor | QLineEdit):
            return (
                self.editor.value() if isinstance(self.editor, ValueEditor) else self.editor.text()
            )
        if isinstance(self.editor, QSpinBox):
            return self.editor.value()
        if isinstance(self.editor, QCheckBox):
            return self.editor.isChecked()
        return self.editor.currentData()

    def set_value(self, value: Any) -> None:
        """Show a stored value in the editor, without emitting ``edited``."""
        if isinstance(self.editor, ValueEditor):
            self.editor.set_value(str(value))
        elif isinstance(self.editor, QLineEdit):
            self.editor.setText(str(value))
        elif isinstance(self.editor, QSpinBox):
            self.editor.setValue(int(value))
        elif isinstance(self.editor, QCheckBox):
            self.editor.setChecked(bool(value))
        else:
            index = self.editor.findData(value)
            if index < 0:  # a stored value the list does not offer: show it rather than hide it
                self.editor.addItem(str(value), value)
                index = self.editor.count() - 1
            self.editor.setCurrentIndex(index)

    def set_error(self, message: str | None) -> None:
        """Show a message under the field (None clears it) and mark the editor."""
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)

    def error(self) -> str | None:
        """The message shown, if any."""
        return self.error_label.text() or None

    def widgets(self) -> tuple[QWidget, QWidget, QLabel]:
        """Label, editor and message, for laying out."""
        return self.label, self.editor, self.error_label


def show_stored(fields: Mapping[str, FormField], values: Mapping[str, Any]) -> None:
    """Show stored values in their fields: not an edit, and no message left from before."""
    for name, value in values.items():
        field = fields[name]
        field.blockSignals(True)  # showing stored values is not an edit
        field.set_value(value)
        field.blockSignals(False)
        field.set_error(None)


def show_unsaved(dirty: bool, save: QWidget, revert: QWidget, status: QLabel) -> None:
    """Enable Save and Revert while the form has unsaved changes, and say so in ``status``."""
    save.setEnabled(dirty)
    revert.setEnabled(dirty)
    if dirty:
        status.setText(UNSAVED)
    elif status.text() == UNSAVED:
        status.clear()
