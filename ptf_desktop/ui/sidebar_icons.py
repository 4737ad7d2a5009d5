"""The sidebar's icons drawn in the palette's text colours, so dark mode shows them clearly.

The icon files are drawn in one dark grey; on a dark palette that is nearly invisible.
Each icon is repainted in the colour of the sidebar's text (and of selected text for
the selected area), and again whenever the palette changes (the system switching to
dark mode while the app runs).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QListWidget

from ..resources import resource_path

# The alpha of a disabled area's icon, as QColor.setAlphaF(0.4) rounds it.
DISABLED_ALPHA = 102

Rgba = tuple[int, int, int, int]


def tinted_pixmap(path: str, size: QSize, ratio: float, colour: Rgba) -> QPixmap:
    """The icon file at ``path`` drawn at ``size`` with every visible pixel in ``colour``.

    The colour is drawn from an image of that colour, not with ``fillRect(rect, QColor)``
    or a QBrush: passing a QColor where Qt also takes its ``Qt.GlobalColor`` makes
    PySide6 build the whole ``Qt`` enum namespace, 20-40 ms of start-up.
    """
    pixmap = QIcon(path).pixmap(size, ratio)
    width, height = pixmap.width(), pixmap.height()
    pixels = bytes(colour) * (width * height)  # kept alive until the painter is done
    solid = QImage(pixels, width, height, QImage.Format.Format_RGBA8888)
    solid.setDevicePixelRatio(pixmap.devicePixelRatio())
    painter = QPainter(pixmap)
    # Keep the icon's shape (its alpha) and replace its colour.
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.drawImage(QPoint(0, 0), solid)
    painter.end()
    return pixmap


def _rgba(colour: QColor, alpha: int | None = None) -> Rgba:
    """The colour's 8-bit channels, with ``alpha`` instead of its own when given."""
    return (colour.red(), colour.green(), colour.blue(), colour.alpha() if alpha is None else alpha)


def tinted_icon(path: str, palette: QPalette, size: QSize, ratio: float) -> QIcon:
    """An icon in the palette's text colour, and its highlighted-text colour when selected."""
    icon = QIcon()
    normal = palette.color(QPalette.ColorRole.Text)
    selected = palette.color(QPalette.ColorRole.HighlightedText)
    for mode, colour in (
        (QIcon.Mode.Normal, _rgba(normal)),
        (QIcon.Mode.Active, _rgba(normal)),
        (QIcon.Mode.Selected, _rgba(selected)),
        (QIcon.Mode.Disabled, _rgba(normal, DISABLED_ALPHA)),
    ):
        icon.addPixmap(tinted_pixmap(path, size, ratio, colour), mode)
    return icon


class SidebarIcons(QObject):
    """Keeps a QListWidget's item icons in its palette's colours.

    ``icon_names[row]`` is the resource name of row's icon.
    """

    def __init__(self, sidebar: QListWidget, icon_names: Sequence[str]) -> None:
        super().__init__(sidebar)
        self._sidebar = sidebar
        self._paths = [str(resource_path(name)) for name in icon_names]
        self.repaint_icons()
        sidebar.installEventFilter(self)

    def repaint_icons(self) -> None:
        """Draw every icon again in the sidebar's current palette."""
        palette = self._sidebar.palette()
        size = self._sidebar.iconSize()
        ratio = self._sidebar.devicePixelRatioF()
        for row, path in enumerate(self._paths):
            item = self._sidebar.item(row)
            if item is not None:
                item.setIcon(tinted_icon(path, palette, size, ratio))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._sidebar and event.type() == QEvent.Type.PaletteChange:
            self.repaint_icons()
        return False
