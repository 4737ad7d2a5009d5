"""The page of an area that a later version of the app fills: it says what will be there."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...resources import resource_path
from . import Area


class ComingPage(QWidget):
    """Title, icon and description of an area that is not available yet."""

    def __init__(self, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{area.key}")
        icon = QLabel()
        icon.setPixmap(QIcon(str(resource_path(area.icon))).pixmap(64, 64))
        title = QLabel(area.title)
        title.setObjectName("pageTitle")
        summary = QLabel(area.summary)
        summary.setWordWrap(True)
        notice = QLabel(
            "Not available yet. This area arrives in a coming version of PTF Desktop; "
            "nothing here reads or changes your data."
        )
        notice.setObjectName("comingNotice")
        notice.setWordWrap(True)
        card = QFrame()
        card.setObjectName("comingCard")
        card.setMaximumWidth(620)
        layout = QVBoxLayout(card)
        layout.setSpacing(14)
        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addWidget(notice)
        # No alignment flags on the card: they would size it to its size hint and cut off
        # the last lines of the word-wrapped labels.
        row = QHBoxLayout()
        row.addWidget(card, 1)
        row.addStretch(0)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        outer.addLayout(row)
        outer.addStretch(1)
        self.notice_text = notice.text()
