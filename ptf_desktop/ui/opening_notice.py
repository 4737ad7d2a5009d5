"""What an area shows while its libraries are still loading: its name and "Opening…".

A click on an area right after start-up is answered at once with this notice; the page
replaces it as soon as the background warm-up has loaded what the page needs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .pages import Area

OPENING = "Opening…"


def fill_opening_notice(placeholder: QWidget, area: Area) -> None:
    """Put the area's title and "Opening…" on its (empty) placeholder page."""
    title = QLabel(area.title)
    title.setObjectName("pageTitle")  # styled as every page's title (style.py)
    status = QLabel(OPENING)
    status.setObjectName("openingStatus")
    layout = QVBoxLayout(placeholder)
    layout.setContentsMargins(24, 18, 24, 18)
    layout.addWidget(title)
    layout.addWidget(status)
    layout.addStretch(1)
