"""Editors the organization editor's forms share, and reading or setting their values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ....domain.organizations import LABELS, ContactRole

DATE_FORMAT = "yyyy-MM-dd"  # ISO dates: what the rest of the register shows


def date_edit(value: date | None = None) -> QDateEdit:
    """A date editor with a calendar, showing ISO dates; today unless told otherwise."""
    editor = QDateEdit(qdate(value or date.today()))
    editor.setCalendarPopup(True)
    editor.setDisplayFormat(DATE_FORMAT)
    return editor


def plain(label: QLabel) -> QLabel:
    """Show a label's text as typed: names like "R&D <b>Labs</b>" are not markup."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def qdate(value: date) -> QDate:
    """A Python date as Qt's."""
    return QDate(value.year, value.month, value.day)


def combo(choices: Iterable[tuple[str, Any]], current: Any = None) -> QComboBox:
    """A combo box of (label, value) pairs, showing ``current`` when given."""
    editor = QComboBox()
    for text, value in choices:
        editor.addItem(text, value)
    if current is not None:
        editor.setCurrentIndex(max(0, editor.findData(current)))
    return editor


def enum_choices(values: Iterable[Any]) -> list[tuple[str, Any]]:
    """(label, member) pairs of enumeration members, for a combo box."""
    return [(LABELS[member.value], member) for member in values]


class OptionalDate(QWidget):
    """A date that may not have happened yet: a check box turns the date on."""

    def __init__(self, text: str, value: date | None = None) -> None:
        super().__init__()
        self.check = QCheckBox(text)
        self.editor = date_edit(value)
        self.check.toggled.connect(self.editor.setEnabled)
        self.check.setChecked(value is not None)
        self.editor.setEnabled(value is not None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.editor, 1)

    def value(self) -> date | None:
        """The date, or None when not ticked."""
        return cast(date, self.editor.date().toPython()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        """Show a date (None: not yet)."""
        self.check.setChecked(value is not None)
        if value is not None:
            self.editor.setDate(qdate(value))


class RoleChecks(QWidget):
    """A check box per contact role."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes = {role: QCheckBox(LABELS[role.value]) for role in ContactRole}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for number, (role, box) in enumerate(self.boxes.items()):
            box.setObjectName(f"role_{role.value}")
            layout.addWidget(box, number // 2, number % 2)

    def value(self) -> list[str]:
        """The ticked roles' values."""
        return [role.value for role, box in self.boxes.items() if box.isChecked()]

    def set_value(self, roles: Iterable[Any]) -> None:
        """Tick exactly these roles."""
        chosen = {str(getattr(role, "value", role)) for role in roles}
        for role, box in self.boxes.items():
            box.setChecked(role.value in chosen)


def value_of(editor: QWidget) -> Any:
    """What an editor holds: text, the chosen item's data, a date, a flag or a list."""
    if isinstance(editor, QLineEdit):
        return editor.text()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QDateEdit):
        return editor.date().toPython()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, OptionalDate | RoleChecks):
        return editor.value()
    raise TypeError(f"no value for {type(editor).__name__}")


def set_value_of(editor: QWidget, value: Any) -> None:
    """Show a value in an editor (the inverse of ``value_of``)."""
    if isinstance(editor, QLineEdit):
        editor.setText(str(value))
    elif isinstance(editor, QPlainTextEdit):
        editor.setPlainText(str(value))
    elif isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(0, editor.findData(value)))
    elif isinstance(editor, QDateEdit):
        editor.setDate(qdate(value))
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, OptionalDate | RoleChecks):
        editor.set_value(value)
    else:
        raise TypeError(f"cannot show a value in {type(editor).__name__}")
