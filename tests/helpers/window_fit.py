"""Whether every area of the main window fits a 1024x700 window (at 1x and at 1.5x).

``areas_that_overflow(window, app)`` visits every area in sidebar order and returns, per
area, the visible widgets that reach outside the window (widgets scrolled inside a
scroll area's viewport are the scroll area's business and are not counted), and the
window's size after the visit (an area may not force the window wider).
Run as a script (``python -m helpers.window_fit DATABASE``) it does the same in a fresh
process, so that QT_SCALE_FACTOR applies, and prints JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

WIDTH, HEIGHT = 1024, 700


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        holder = parent.parentWidget()
        if isinstance(holder, QAbstractScrollArea) and parent is holder.viewport():
            return True
        parent = holder
    return False


def outside(window: QWidget) -> list[str]:
    """The visible widgets of the window that reach beyond its edges."""
    frame = window.rect()
    found = []
    for child in window.findChildren(QWidget):
        if not child.isVisible() or child.isWindow() or _scrolled(child, window):
            continue
        placed = QRect(child.mapTo(window, QPoint(0, 0)), child.size())
        if not frame.contains(placed):
            found.append(f"{type(child).__name__}#{child.objectName()} at {placed.getRect()}")
    return found


def visit_every_area(window: Any, app: QApplication) -> dict[str, Any]:
    """Show each area at WIDTH x HEIGHT; what reached outside and the window's size."""
    from ptf_desktop.ui.pages import AREAS

    report: dict[str, Any] = {}
    window.resize(WIDTH, HEIGHT)
    for area in AREAS:
        window.page(area.key)
        for _ in range(20):
            app.processEvents()
        report[area.key] = {
            "size": [window.width(), window.height()],
            "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
            "outside": outside(window),
        }
    return report


def main(database: str) -> None:
    from ptf_desktop.paths import AppPaths
    from ptf_desktop.services.context import open_context
    from ptf_desktop.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    context = open_context(Path(database))
    folder = Path(database).parent
    paths = AppPaths(data_dir=folder, log_dir=folder / "logs", database=context.path)
    window = MainWindow(context, paths)
    window.show()
    report = visit_every_area(window, app)
    print(json.dumps({"ratio": window.devicePixelRatioF(), "areas": report}))
    window.close()


if __name__ == "__main__":
    main(sys.argv[1])
