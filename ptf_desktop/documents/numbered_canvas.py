"""A canvas that writes "Page i of N" and a footer line on every page.

ReportLab only knows the page count once the whole document is laid out, so the canvas
keeps each page's state and writes the footers in ``save()`` (the usual two-pass recipe).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas

from ptf_desktop.documents.fonts import BODY_FONT
from ptf_desktop.documents.text_runs import draw_string, fit_font_size

__all__ = ["numbered_canvas"]

_FOOTER_SIZE = 8
_FOOTER_RISE = 40
"""Height of the footer's baseline above the bottom edge, in points."""


def numbered_canvas(*, footer: str, margin: float) -> type[Canvas]:
    """Return a canvas class for ``SimpleDocTemplate.build(canvasmaker=...)``.

    Args:
        footer: text written at the bottom left of every page (user text is fine; it
            shrinks to leave room for the page number).
        margin: distance of the footer from the left and right page edges, in points.
    """

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type information
        """Canvas that adds the footer and "Page i of N" when it is saved."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("initialFontName", BODY_FONT)
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self._draw_footer(pages)
                super().showPage()
            super().save()

        def _draw_footer(self, pages: int) -> None:
            width = self._pagesize[0]
            self.setFillColorRGB(0.38, 0.38, 0.42)
            room = (width - 2 * margin) * 0.7
            size = fit_font_size(footer, room, _FOOTER_SIZE, min_size=4)
            draw_string(self, margin, _FOOTER_RISE, footer, size)
            draw_string(
                self,
                width - margin,
                _FOOTER_RISE,
                f"Page {self._pageNumber} of {pages}",
                _FOOTER_SIZE,
                align="right",
            )

    return NumberedCanvas
