"""Whether an organization's record window fits its screen, whatever the name's length.

``record_window_fit(window)`` shows every tab of an open record window and says where the
window's frame is, where its screen's room is, whether Save is on screen, and which
widgets reach outside the window. Run as a script
(``python -m helpers.record_window_fit DATABASE ID...``) it opens each organization's
window in a fresh process, so that a screen of another size (the offscreen platform's
``configfile``) and QT_SCALE_FACTOR apply, and prints JSON.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from helpers.window_fit import outside


def _global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def record_window_fit(window: Any, app: QApplication) -> dict[str, Any]:
    """Where the window and its Save button are, against the screen, tab by tab."""
    screen = window.screen().availableGeometry()
    outside_by_tab = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        for _ in range(10):
            app.processEvents()
        outside_by_tab[window.tabs.tabText(index)] = outside(window)
    window.tabs.setCurrentIndex(0)
    for _ in range(10):
        app.processEvents()
    save = window.organization_tab.save_button
    return {
        "screen": screen.getRect(),
        "frame": window.frameGeometry().getRect(),
        "on_screen": screen.contains(window.frameGeometry()),
        "save_visible": save.isVisible() and not save.visibleRegion().isEmpty(),
        "save_on_screen": screen.contains(_global_rect(save)),
        "save_in_window": window.rect().contains(QRect(save.mapTo(window, QPoint()), save.size())),
        "outside": outside_by_tab,
        "title_elided": window.title.is_elided(),
        "title_tooltip": window.title.toolTip(),
        "ratio": window.devicePixelRatioF(),
    }


def main(database: str, ids: list[str]) -> None:
    from PySide6.QtGui import QUndoStack

    from ptf_desktop.services.context import open_context
    from ptf_desktop.ui.pages.organizations.record_window import open_organization

    app = QApplication(sys.argv[:1])
    context = open_context(Path(database))
    stack = QUndoStack()
    report = {}
    for text in ids:
        window = open_organization(context, stack, uuid.UUID(text), None)
        report[window.title.full_text()] = record_window_fit(window, app)
        window.close()
    print(json.dumps(report))
    context.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
