"""A label that shows its text as it is.

Texts here quote what people typed (organization names like "R&D <b>Labs</b>", file
names, service messages), which must never be read as markup: every such label is
plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def text_label(text: str = "", *, name: str = "", wrap: bool = False) -> QLabel:
    """A plain-text label named ``name``, wrapping long text onto more lines if ``wrap``."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
