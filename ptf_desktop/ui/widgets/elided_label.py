"""A one-line label that shortens its text with "…" when narrow and shows it whole on hover.

Nothing on screen is cut without a way to read it: the full text is the tooltip
whenever the label had to shorten it, and the label never asks for more width than a
few characters, so a long name cannot widen its window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """A QLabel for plain one-line text that elides on the right; ``full_text()`` is whole."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""
        self._own_tooltip = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        super().setText(text)
        self._update_tooltip()

    def full_text(self) -> str:
        """The text as given, however narrow the label."""
        return self._full

    def set_extra_tooltip(self, tooltip: str) -> None:
        """A tooltip shown under the full text (or alone when nothing is cut)."""
        self._own_tooltip = tooltip
        self._update_tooltip()

    def is_elided(self) -> bool:
        """Whether the text is shown shortened."""
        return self.fontMetrics().horizontalAdvance(self._full) > self.contentsRect().width()

    def shown_text(self) -> str:
        """What a person sees: the text, shortened with "…" to the label's width."""
        return self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(
            min(hint.width(), self.fontMetrics().horizontalAdvance("M" * 4)), hint.height()
        )

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())

    def _update_tooltip(self) -> None:
        parts = [self._full] if self._full and self.is_elided() else []
        if self._own_tooltip:
            parts.append(self._own_tooltip)
        self.setToolTip("\n".join(parts))
