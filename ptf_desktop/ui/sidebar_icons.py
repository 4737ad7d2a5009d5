"""The sidebar's icons drawn in the palette's text colours, so dark mode shows them clearly.

The icon files are drawn in one dark grey; on a dark palette that is nearly invisible.
Each icon is repainted in the colour of the sidebar's text (and of selected text for
the selected area), and again whenever the palette changes (the system switching to
dark mode while the app runs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QSize, QTimer
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QListWidget

from ..resources import resource_path
from .pages import WARM_UP_DELAY_MS

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

# The alpha of a disabled area's icon, as QColor.setAlphaF(0.4) rounds it.
DISABLED_ALPHA = 102

Rgba = tuple[int, int, int, int]


def tinted(shape: QPixmap, colour: Rgba) -> QPixmap:
    """A copy of ``shape`` with every visible pixel in ``colour``.

    The colour is drawn from an image of that colour, not with ``fillRect(rect, QColor)``
    or a QBrush: passing a QColor where Qt also takes its ``Qt.GlobalColor`` makes
    PySide6 build the whole ``Qt`` enum namespace, 20-40 ms of start-up.
    """
    pixmap = shape.copy()
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
    shape = QIcon(path).pixmap(size, ratio)  # the file is read and drawn once
    normal = palette.color(QPalette.ColorRole.Text)
    selected = palette.color(QPalette.ColorRole.HighlightedText)
    in_text_colour = tinted(shape, _rgba(normal))
    icon = QIcon()
    icon.addPixmap(in_text_colour, QIcon.Mode.Normal)
    icon.addPixmap(in_text_colour, QIcon.Mode.Active)
    icon.addPixmap(tinted(shape, _rgba(selected)), QIcon.Mode.Selected)
    icon.addPixmap(tinted(shape, _rgba(normal, DISABLED_ALPHA)), QIcon.Mode.Disabled)
    return icon


class SidebarIcons(QObject):
    """Keeps a QListWidget's item icons in its palette's colours.

    ``icon_names[row]`` is the resource name of row's icon.
    """

    def __init__(self, sidebar: QListWidget, icon_names: Sequence[str]) -> None:
        super().__init__(sidebar)
        self._sidebar = sidebar
        self._paths = [str(resource_path(name)) for name in icon_names]
        self._drawn_for: tuple[object, ...] = ()
        self.repaint_icons()
        # Palette changes are followed from a moment after the first paint: the first event
        # a Python filter sees makes PySide6 build QEvent and its types (4 ms), which the
        # first paint does not need. What changed meanwhile (a style sheet's polish, dark
        # mode) is drawn then.
        QTimer.singleShot(WARM_UP_DELAY_MS, self, self._follow_palette)

    def _looks(self) -> tuple[object, ...]:
        """What the icons' pixels depend on: colours, size and device pixel ratio."""
        palette = self._sidebar.palette()
        size = self._sidebar.iconSize()
        return (
            _rgba(palette.color(QPalette.ColorRole.Text)),
            _rgba(palette.color(QPalette.ColorRole.HighlightedText)),
            (size.width(), size.height()),
            self._sidebar.devicePixelRatioF(),
        )

    def _follow_palette(self) -> None:
        self._sidebar.installEventFilter(self)
        if self._looks() != self._drawn_for:
            self.repaint_icons()

    def repaint_icons(self) -> None:
        """Draw every icon again in the sidebar's current palette."""
        self._drawn_for = self._looks()
        palette = self._sidebar.palette()
        size = self._sidebar.iconSize()
        ratio = self._sidebar.devicePixelRatioF()
        for row, path in enumerate(self._paths):
            item = self._sidebar.item(row)
            if item is not None:
                item.setIcon(tinted_icon(path, palette, size, ratio))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import QEvent  # not at import: its types take 4 ms to build

        if watched is self._sidebar and event.type() == QEvent.Type.PaletteChange:
            if self._looks() != self._drawn_for:  # a style sheet's polish may change nothing
                self.repaint_icons()
        return False
