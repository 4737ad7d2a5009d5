"""The fonts the documents embed, offered to the window for the scripts it lacks.

Windows and macOS carry fonts for Chinese, Japanese, Korean and the scripts of South
Asia; a lean Linux desktop may not, and a member's name in those scripts then shows as
empty boxes in lists and record windows while its PDF invoice is fine. The bundled
regular fonts are added to Qt's font database, which falls back to them for characters
the interface font lacks.

They are added on the GUI thread, one font per turn of the event loop once the warm-up
has finished (about 2 ms each): not at start-up, and not from the warm-up's thread,
where registering a font with fontconfig while the window draws text has crashed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFontDatabase

from ..resources import list_resources, resource_path

log = logging.getLogger(__name__)


def fallback_font_files() -> list[str]:
    """The bundled regular fonts for the scripts beyond Latin, Greek and Cyrillic."""
    # The interface's own font covers those; bold text falls back to the regular faces.
    return [
        name
        for name in list_resources()
        if name.startswith("fonts/") and name.endswith(".ttf")
        and not name.startswith("fonts/DejaVuSans") and not name.endswith("Bold.ttf")
    ]  # fmt: skip


def add_font(name: str) -> list[str]:
    """Add one bundled font to the interface; the families it brings (none if refused)."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(name)))
    if font_id < 0:
        log.warning("The interface could not load the font %s", name)
        return []
    return QFontDatabase.applicationFontFamilies(font_id)


def add_interface_fonts_gradually(owner: QObject) -> None:
    """Add the fallback fonts one per turn of the event loop, while ``owner`` lives."""
    pending = fallback_font_files()
    timer = QTimer(owner)
    timer.setInterval(0)

    def add_next() -> None:
        if not pending:
            timer.stop()
            timer.deleteLater()
            log.info("Interface fallback fonts added")
            return
        add_font(pending.pop(0))

    timer.timeout.connect(add_next)
    timer.start()
