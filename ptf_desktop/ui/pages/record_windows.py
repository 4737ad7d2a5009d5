"""Record windows: each record opens in a window of its own that never blocks the others.

A record window (an organization, a draft invoice, a document's PDF) is shown
non-modally, so the main window stays usable while it is open (look at invoices with a
record open). Windows are known by a key, ``(kind, id)``: opening a record that is
already open raises its window instead of making a second one, and a new window opens
beside the last one rather than on top of it, and never reaches past the screen's edges
(``fitting_size`` gives a window a size that fits the screen it opens on).

The registry is kept in Python, like the task registry: a window leaves it when Qt
destroys it, and ``close_record_windows`` closes them all when the database changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

_windows: dict[Hashable, QWidget] = {}
_order: list[Hashable] = []  # keys in the order their windows opened
# How far a window opened beside another moves when there is no room to its right.
CASCADE = QPoint(48, 36)
# Room left for a window's frame and title bar, which are not known before it is shown.
FRAME_ALLOWANCE = QSize(16, 48)


def show_record_window(key: Hashable, make: Callable[[], QWidget]) -> QWidget:
    """Raise the window of ``key``, or make one with ``make`` and show it beside the last."""
    window = _windows.get(key)
    if window is not None:
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
        return window
    window = make()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.setWindowModality(Qt.WindowModality.NonModal)
    _remember(key, window)
    previous = _last_window(exclude=window)
    if previous is not None:
        window.move(_beside(previous, window))
    window.show()
    _keep_on_screen(window)
    window.raise_()
    window.activateWindow()
    return window


def fitting_size(wanted: QSize, parent: QWidget | None) -> QSize:
    """``wanted``, or less where the screen (less a window's frame) is smaller."""
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    return wanted.boundedTo(screen.availableGeometry().size() - FRAME_ALLOWANCE)


def rekey_record_window(window: QWidget, key: Hashable) -> None:
    """Know a window by another key (a new record's window, once the record is saved)."""
    for old, known in list(_windows.items()):
        if known is window:
            _forget(old)
    _remember(key, window)


def record_window(key: Hashable) -> QWidget | None:
    """The open window of a record, if any."""
    return _windows.get(key)


def open_record_windows() -> list[QWidget]:
    """The record windows open, oldest first."""
    return [_windows[key] for key in _order if key in _windows]


def may_close_record_windows() -> bool:
    """Ask each record window with unsaved edits (Save, Discard, Cancel); False on Cancel.

    For closing the application: asked before anything closes, Cancel keeps everything.
    """
    from ..unsaved import may_leave

    for window in open_record_windows():
        if not may_leave(window, window.windowTitle(), window):
            return False
    return True


def close_record_windows() -> None:
    """Close every record window (the database they show is going away).

    A window with unsaved edits asks first and may save them; Cancel cannot keep it open
    on a database that is closing, so what was not saved is then dropped.
    """
    for window in open_record_windows():
        if window.close():
            continue
        discard = getattr(window, "discard_changes", None)
        if callable(discard):
            discard()
        window.close()


def _remember(key: Hashable, window: QWidget) -> None:
    _windows[key] = window
    _order.append(key)
    window.destroyed.connect(partial(_forget, key))


def _forget(key: Hashable, *_: object) -> None:
    _windows.pop(key, None)
    while key in _order:
        _order.remove(key)


def _last_window(exclude: QWidget) -> QWidget | None:
    shown = [w for w in open_record_windows() if w is not exclude and w.isVisible()]
    return shown[-1] if shown else None


def _keep_on_screen(window: QWidget) -> None:
    """Move a window whose frame reaches past its screen's edges back inside them."""
    screen = window.screen().availableGeometry() if window.screen() else QRect()
    frame = window.frameGeometry()
    if screen.isNull() or screen.contains(frame):
        return
    x = max(screen.left(), min(frame.left(), screen.right() + 1 - frame.width()))
    y = max(screen.top(), min(frame.top(), screen.bottom() + 1 - frame.height()))
    window.move(x, y)


def _beside(previous: QWidget, window: QWidget) -> QPoint:
    """Where a new window goes: right of the previous one if the screen has room."""
    frame = previous.frameGeometry()
    screen = previous.screen().availableGeometry() if previous.screen() else QRect()
    right = QPoint(frame.right() + 8, frame.top())
    if screen.isNull() or right.x() + window.width() <= screen.right():
        return right
    cascaded = frame.topLeft() + CASCADE
    if cascaded.x() + window.width() > screen.right() or cascaded.y() + 200 > screen.bottom():
        return screen.topLeft() + CASCADE  # start again from the corner
    return cascaded
