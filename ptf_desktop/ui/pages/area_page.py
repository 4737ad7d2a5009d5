"""What the page of each area of the main window is built on.

A page is named ``page_<key>`` (the window's styles and the tests find it by that name)
and lays its parts out under the area's title, with the margins every page shares.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

# Left, top, right, bottom: the space between the window's sidebar and edges and a page.
PAGE_MARGINS = (24, 20, 24, 16)


def page_title(text: str) -> QLabel:
    """The title of a page, styled as every page's (``pageTitle`` in ``style``)."""
    title = QLabel(text)
    title.setObjectName("pageTitle")
    return title


class AreaPage(QWidget):
    """The page of one area, named after the area's ``KEY`` (see ``pages.AREAS``)."""

    KEY = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{self.KEY}")

    def _page_layout(self, title: str = "") -> QVBoxLayout:
        """The page's layout with the shared margins, its title first if given."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        if title:
            layout.addWidget(page_title(title))
        return layout
