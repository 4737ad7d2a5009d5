"""The user guide (F1): a short Markdown guide shipped in resources/guide, shown in a window.

The window does not block the main window, so the guide stays open beside the work.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QWidget

from ...resources import resource_path
from .reading_dialog import ReadingDialog

GUIDE = "guide/guide.md"


def guide_text() -> str:
    """The guide's Markdown text, as shipped with the app."""
    return resource_path(GUIDE).read_text(encoding="utf-8")


class GuideWindow(ReadingDialog):
    """The guide in a text browser (links open in the system's browser)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("userGuide", "User guide", parent)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_text())
        self._show_content(self.browser, 640, 620)
