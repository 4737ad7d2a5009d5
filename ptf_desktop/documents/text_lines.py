"""Lines of user text as a flowable: drawn run by run, wrapped only when they must be.

Parsing Paragraph markup costs far more than drawing, and most texts on a document are
short lines that fit (names, address lines, labels, notes of a sentence).
:class:`TextLines` draws such lines straight into one PDF text object, each run in its
font (see :mod:`~ptf_desktop.documents.text_runs`; escaping is then not needed at all);
only a line wider than the space it is given becomes a wrapping Paragraph, built from
escaped, font-tagged markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from ptf_desktop.documents import fonts
from ptf_desktop.documents.text_runs import Align, paragraph_markup, string_width, write_string

__all__ = ["TextLines", "make_text"]


class TextLines(Flowable):  # type: ignore[misc]
    """One or more lines of user text, drawn run by run without Paragraph markup.

    Style: font size, leading, colour and alignment of a ParagraphStyle; bold selects
    the bold weight of each script's font.

    Args:
        lines: The lines, top first, in logical order.
        style: Size, leading, colour and alignment.
        bold: Use the bold weight of each font.
    """

    def __init__(self, lines: Sequence[str], style: ParagraphStyle, *, bold: bool = False):
        super().__init__()
        self._lines = [" ".join(line.split()) if "\t" in line else line for line in lines]
        self._style = style
        # A style in the bold body font means bold runs in every script.
        self._bold = bold or style.fontName == fonts.BOLD_FONT
        self._widths = [string_width(line, style.fontSize, bold=self._bold) for line in self._lines]
        self._parts: list[Paragraph | None] = []
        self._heights: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Measure; lines wider than ``availWidth`` become wrapping Paragraphs."""
        self._parts, self._heights = [], []
        for line, width in zip(self._lines, self._widths, strict=True):
            if width <= availWidth:
                self._parts.append(None)
                self._heights.append(self._style.leading)
            else:
                paragraph = Paragraph(paragraph_markup(line, bold=self._bold), self._style)
                width, height = paragraph.wrap(availWidth, availHeight)
                self._parts.append(paragraph)
                self._heights.append(height)
        # As wide as the widest line, so that a right-aligned column can place it.
        self.width = min(availWidth, max(self._widths, default=0))
        self.height = sum(self._heights)
        return self.width, self.height

    def draw(self) -> None:
        """Draw the lines that fit in one text object, then the wrapped ones, top down."""
        style = self._style
        canvas = self.canv
        size = style.fontSize
        align: Align = "left"
        x = 0.0
        if style.alignment == TA_RIGHT:
            align, x = "right", self.width
        elif style.alignment == TA_CENTER:
            align, x = "centre", self.width / 2
        text = canvas.beginText()
        text.setFillColor(style.textColor)
        wrapped: list[tuple[Paragraph, float]] = []
        top = self.height
        for line, part, height in zip(self._lines, self._parts, self._heights, strict=True):
            top -= height
            if part is not None:
                wrapped.append((part, top))
            elif line:
                # Paragraph puts the first baseline one font size below the line's top.
                write_string(text, x, top + height - size, line, size, bold=self._bold, align=align)
        canvas.drawText(text)
        for part, bottom in wrapped:
            part.drawOn(canvas, 0, bottom)


def make_text(text: str | Sequence[str], style: ParagraphStyle, *, bold: bool = False) -> TextLines:
    """Build a :class:`TextLines` flowable for user text (one string or several lines).

    Args:
        text: Plain user text (line breaks start new lines), or lines shown one below
            the other (an address).
        style: Size, leading, colour and alignment.
        bold: Use the bold weight of each font.

    Returns:
        The flowable; lines that do not fit wrap like a Paragraph.
    """
    lines = [text] if isinstance(text, str) else list(text)
    # Line breaks typed into notes or addresses start new lines; blank lines are kept
    # as (empty) lines so that paragraphs of a note stay apart.
    split = [part.rstrip("\r") for line in lines for part in line.split("\n")]
    return TextLines(split, style, bold=bold)
