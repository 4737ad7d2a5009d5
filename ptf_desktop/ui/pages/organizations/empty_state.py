"""What the Organizations page shows on an empty register: the three ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ....resources import resource_path


class EmptyRegisterView(QWidget):
    """An invitation to add, import or try demo organizations; the page wires the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organizationsEmptyState")
        icon = QLabel()
        icon.setPixmap(QIcon(str(resource_path("icons/organizations.svg"))).pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title = QLabel("No organizations yet")
        self.title.setObjectName("pageTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = QLabel(
            "Add the foundation's members and prospects one at a time, import them from a "
            "CSV file, or load demo data to try the app."
        )
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.new_button = QPushButton("New organization")
        self.import_button = QPushButton("Import CSV…")
        self.demo_button = QPushButton("Load demo data")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.new_button, self.import_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        card = QFrame()
        card.setMaximumWidth(560)
        layout = QVBoxLayout(card)
        layout.setSpacing(14)
        layout.addWidget(icon)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)  # a little above the middle, where the eye lands
