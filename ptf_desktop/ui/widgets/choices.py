"""A drop-down list of choices, each a text shown and the value it stands for."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def choice_combo(choices: Iterable[tuple[str, object]], name: str = "") -> QComboBox:
    """A combo box of ``(text, value)`` choices, the first chosen; 20 shown when opened.

    Twenty, not Qt's ten: the country and currency lists are long.
    """
    combo = QComboBox()
    if name:
        combo.setObjectName(name)
    combo.setMaxVisibleItems(20)
    for text, value in choices:
        combo.addItem(text, value)
    return combo
