"""Spin boxes and combo boxes take the mouse wheel only when they have the focus.

Scrolling a form with the wheel must scroll the form: without this, a spin box that
passes under the pointer changes its value (a commitment silently went from 2 years to
1). One application-wide event filter: a wheel turned over an unfocused spin box, date
box or combo box goes to its parent instead, which scrolls the page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox


class WheelGuard(QObject):
    """The filter; installed once on the application by ``install_wheel_guard``."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # Every event of the application passes here: the type test must be cheap
        # (event.type() makes a Python enum each time, a tenth of a page's build time).
        if not isinstance(event, QWheelEvent):
            return False
        if not isinstance(watched, QAbstractSpinBox | QComboBox) or watched.hasFocus():
            return False
        parent = watched.parentWidget()
        if parent is not None:
            QApplication.sendEvent(parent, event)  # the page scrolls, the value stays
        return True


_guard: WheelGuard | None = None


def install_wheel_guard() -> WheelGuard | None:
    """Install the filter on the running application (once); None without one."""
    global _guard
    app = QApplication.instance()
    if app is None:
        return None
    if _guard is None or _guard.parent() is not app:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
    return _guard
