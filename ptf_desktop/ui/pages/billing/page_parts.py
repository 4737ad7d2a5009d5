"""Parts the Quotes and Invoices pages are both built from.

The title row (title, busy bar, the New button) and the status filter (all statuses, then
each status by its label) look and behave the same on both pages.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from .action_buttons import Action, add_action_buttons
from .display import status_label


def title_row(
    owner: QWidget,
    title: str,
    prefix: str,
    busy_bar: QWidget,
    new: Action,
    buttons: dict[str, QPushButton],
) -> QHBoxLayout:
    """The page's title on the left; the busy bar and the New button on the right."""
    label = QLabel(title)
    label.setObjectName("pageTitle")
    row = QHBoxLayout()
    row.addWidget(label)
    row.addStretch(1)
    row.addWidget(busy_bar)
    add_action_buttons(owner, prefix, [new], buttons, row)
    return row


def status_filter(
    name: str, statuses: Iterable[str], extra: tuple[tuple[str, str], ...] = ()
) -> QComboBox:
    """A filter offering every status: "All statuses" (None), ``extra`` choices, then each."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem("All statuses", None)
    for label, value in extra:
        combo.addItem(label, value)
    for status in statuses:
        combo.addItem(status_label(status), status)
    return combo


def choose_silently(combo: QComboBox, value: object) -> None:
    """Select the item with this value (the first when none has it) without a signal.

    The page reads once after all its filters are set, not once per change.
    """
    index = max(combo.findData(value), 0)
    combo.blockSignals(True)
    combo.setCurrentIndex(index)
    combo.blockSignals(False)


def count_text(shown: int, total: int, nouns: tuple[str, str]) -> str:
    """The count under a list: "1,204 invoices", or "12 of 1,204 invoices" when narrowed."""
    noun = nouns[0] if total == 1 else nouns[1]
    return f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun}"
