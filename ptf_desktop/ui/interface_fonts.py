"""The fonts the documents embed, offered to the window for the scripts it lacks.

Windows and macOS carry fonts for Chinese, Japanese, Korean and the scripts of South
Asia; a lean Linux desktop may not, and a member's name in those scripts then shows as
empty boxes in lists and record windows while its PDF invoice is fine. The bundled
regular fonts are added to Qt's font database, which falls back to them for characters
the interface font lacks. The warm-up adds them once the window is idle (QFontDatabase
is thread-safe): reading 19 MB of fonts has no place in start-up.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from ..resources import list_resources, resource_path

log = logging.getLogger(__name__)

# The interface's own font covers Latin, Greek and Cyrillic; bold text falls back to the
# regular faces, which Qt emboldens.
_SKIPPED = ("fonts/DejaVuSans", "Bold.ttf")


def add_interface_fonts() -> list[str]:
    """Add the bundled fallback fonts to the interface; the families added."""
    families: list[str] = []
    for name in list_resources():
        if not name.startswith("fonts/") or not name.endswith(".ttf"):
            continue
        if name.startswith(_SKIPPED[0]) or name.endswith(_SKIPPED[1]):
            continue
        font_id = QFontDatabase.addApplicationFont(str(resource_path(name)))
        if font_id < 0:
            log.warning("The interface could not load the font %s", name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    log.info("Interface fallback fonts: %s", ", ".join(families))
    return families
