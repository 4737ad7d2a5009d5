"""Labels that show what is wrong with a form or a dialog's input."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def problem_label(name: str) -> QLabel:
    """A hidden, wrapping, plain-text label styled as a field error, named ``name``.

    Plain text because the messages quote what was typed, which is never markup.
    """
    label = QLabel()
    label.setObjectName(name)
    label.setProperty("role", "fieldError")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def error_line(name: str) -> QLabel:
    """A wrapping, plain-text label in the error colour, empty (and shown) until a refusal."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: #b00020;")
    return label
