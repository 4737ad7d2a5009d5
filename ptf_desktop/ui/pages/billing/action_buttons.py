"""The rows of action buttons the billing lists share (invoices, quotes, credit notes).

Each action is ``(key, text, tooltip)``; its button is named ``<prefix>_<key>`` (what tests
and style sheets find), kept in the owner's ``buttons`` by key, and clicking it calls the
owner's slot ``_on_<key>_clicked``. Enabling follows the selection and waits while a
worker runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QLayout, QPushButton, QWidget

Action = tuple[str, str, str]


def add_action_buttons(
    owner: QWidget,
    prefix: str,
    actions: Iterable[Action],
    buttons: dict[str, QPushButton],
    layout: QLayout,
) -> None:
    """Make a button per action, connect it to ``owner._on_<key>_clicked``, add it to layout."""
    for key, text, tip in actions:
        button = QPushButton(text)
        button.setObjectName(f"{prefix}_{key}")
        button.setToolTip(tip)
        button.clicked.connect(getattr(owner, f"_on_{key}_clicked"))
        buttons[key] = button
        layout.addWidget(button)


def enable_buttons(
    buttons: Mapping[str, QPushButton], enabled: Mapping[str, bool], busy: bool = False
) -> None:
    """Enable the buttons whose action applies; none while ``busy`` (a worker runs)."""
    for key, on in enabled.items():
        buttons[key].setEnabled(on and not busy)
