"""A dashboard tile: a figure with its title and detail, a button that opens its list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ...style import ACCENT
from ...widgets.elided_label import ElidedLabel

# The tiers in their order (domain.organizations.Tier, not imported: it loads the
# validation libraries, which the main window must appear without).
TIERS = ("premier", "general", "associate")


def tier_label(tier: str) -> str:
    """What a tier is called ("No tier" for organizations without one)."""
    return tier.capitalize() if tier else "No tier"


TILE_STYLE = f"""
QPushButton[role="tile"] {{
    background: palette(base);
    border: 1px solid palette(mid);
    border-left: 4px solid {ACCENT};
    border-radius: 6px;
    text-align: left;
    padding: 0px;
}}
QPushButton[role="tile"]:hover {{ border-color: palette(highlight); }}
QPushButton[role="tile"]:focus {{ border: 2px solid palette(highlight); }}
QLabel[role="tileTitle"] {{ color: palette(text); font-size: 12px; }}
QLabel[role="tileValue"] {{ color: palette(text); }}
QLabel[role="tileDetail"] {{ color: palette(text); font-size: 11px; }}
"""


class FigureLabel(ElidedLabel):
    """A tile's figure: as large as it fits, from 22 px down to 15 px, only then shortened.

    A narrow window (three tiles across at 1024 px) still shows "USD 2,890,726.00" whole;
    the label's height stays that of the largest size, so the tiles never jump.
    """

    LARGEST_PX = 22
    SMALLEST_PX = 15

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPixelSize(self.LARGEST_PX)
        self.setFixedHeight(QFontMetrics(font).height())
        self.setFont(font)
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        self._fit()
        super().resizeEvent(event)

    def _fit(self) -> None:
        width, font = self.contentsRect().width(), QFont(self.font())
        for size in range(self.LARGEST_PX, self.SMALLEST_PX - 1, -1):
            font.setPixelSize(size)
            if QFontMetrics(font).horizontalAdvance(self.full_text()) <= width:
                break
        if font.pixelSize() != self.font().pixelSize():
            self.setFont(font)
            self._update_tooltip()


class Tile(QPushButton):
    """A clickable figure; ``clicked`` opens the records behind it.

    The labels are children of the button and let the mouse through, so the whole tile
    is one button to the mouse, the keyboard and screen readers (its accessible name is
    the title and value). A narrow tile shortens its title and figure with "…"; its
    tooltip always holds them whole; the figure first takes a smaller font.
    """

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"tile_{key}")
        self.setProperty("role", "tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title_label = self._label(ElidedLabel(title), "tileTitle")
        self.value_label = self._label(FigureLabel("…"), "tileValue")
        self.detail_label = self._label(QLabel(""), "tileDetail")
        self.detail_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        for label in (self.title_label, self.value_label, self.detail_label):
            layout.addWidget(label)
        self.setMinimumHeight(96)

    def _label(self, label: QLabel, role: str) -> QLabel:
        label.setProperty("role", role)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names and figures, never markup
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        return label

    def show_figure(self, value: str, detail: str = "") -> None:
        """Show the figure and the line under it."""
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.setAccessibleName(f"{self.title_label.text()}: {value}")
        lines = [f"{self.title_label.text()}: {value}", detail]
        lines.append("Click to open the list behind this figure.")
        self.setToolTip("\n".join(line for line in lines if line))

    @property
    def value(self) -> str:
        """The figure shown."""
        return self.value_label.text()

    @property
    def detail(self) -> str:
        """The line under the figure."""
        return self.detail_label.text()
