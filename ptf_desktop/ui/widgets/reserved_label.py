"""A message line that keeps its place: the form does not move when a message appears.

An error shown under a field, or across a form, that grows from nothing when it appears
pushes everything below it down, so the button a person was pressing slides away under
the pointer. This label is as tall with a message as without one (hidden, it still keeps
its space), never asks for width, and holds a message too long for its lines whole in its
tooltip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ReservedLabel(QLabel):
    """A plain-text label of a fixed number of lines, whose space is kept when hidden."""

    def __init__(self, name: str, lines: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed
        self._lines = lines
        self.setWordWrap(lines > 1)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._update_tooltip()

    def is_cut(self) -> bool:
        """Whether the message is longer than the lines shown."""
        text, room = self.text(), self.contentsRect()
        if not text:
            return False
        if self._lines == 1:
            return self.fontMetrics().horizontalAdvance(text) > room.width()
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = self.fontMetrics().boundingRect(0, 0, room.width(), 10_000, flags, text)
        return needed.height() > room.height()

    def shown_text(self) -> str:
        """The one line a person sees (shortened with "…" when too long)."""
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return False  # the height is the lines reserved, whatever the text

    def sizeHint(self) -> QSize:  # noqa: N802
        margins = self.contentsMargins()
        height = self._lines * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()
        return QSize(self.fontMetrics().horizontalAdvance("M" * 8), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        if self._lines > 1:
            super().paintEvent(event)  # wrapped, and clipped to the lines reserved
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())

    def _update_tooltip(self) -> None:
        self.setToolTip(self.text() if self.is_cut() else "")
