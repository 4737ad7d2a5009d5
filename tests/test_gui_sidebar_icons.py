"""The sidebar's icons: each state drawn in exactly its palette colour, at any pixel ratio."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from pytestqt.qtbot import QtBot

from ptf_desktop.resources import resource_path
from ptf_desktop.ui.sidebar_icons import tinted_icon


def painted_in(path: str, size: QSize, ratio: float, colour: QColor) -> QImage:
    """The icon file drawn in ``colour`` the plain way (fillRect with a QColor)."""
    pixmap = QIcon(path).pixmap(size, ratio)
    painter = QPainter(pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(pixmap.rect(), colour)
    painter.end()
    return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)


def drawn(icon: QIcon, size: QSize, ratio: float, mode: QIcon.Mode) -> QImage:
    pixmap: QPixmap = icon.pixmap(size, ratio, mode)
    return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
@pytest.mark.parametrize("name", ["icons/organizations.svg", "icons/settings.svg"])
def test_each_state_is_drawn_in_its_palette_colour(qtbot: QtBot, name: str, ratio: float) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#1d5fa8"))
    path = str(resource_path(name))
    size = QSize(22, 22)
    icon = tinted_icon(path, palette, size, ratio)
    disabled = QColor("#e8e8e8")
    disabled.setAlphaF(0.4)
    for mode, colour in (
        (QIcon.Mode.Normal, QColor("#e8e8e8")),
        (QIcon.Mode.Active, QColor("#e8e8e8")),
        (QIcon.Mode.Selected, QColor("#1d5fa8")),
        (QIcon.Mode.Disabled, disabled),
    ):
        expected = painted_in(path, size, ratio, colour)
        assert drawn(icon, size, ratio, mode) == expected, mode
        assert expected.size() == QSize(round(22 * ratio), round(22 * ratio))
