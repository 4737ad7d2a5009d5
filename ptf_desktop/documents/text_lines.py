"""Lines of user text as a flowable: shaped, drawn run by run, wrapped when they must be.

:class:`TextLines` draws lines straight into one PDF text object, each run in its font
and shaped (see :mod:`~ptf_desktop.documents.text_runs`; no Paragraph markup, so no
escaping). A line wider than the space it is given is broken into lines in logical order
(:func:`~ptf_desktop.documents.text_fitting.wrap_text`) and each of them is reordered for
display on its own, with the direction of the whole line, so that the lines of a wrapped
right-to-left text read top down.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ptf_desktop.documents import fonts
from ptf_desktop.documents.text_fitting import wrap_text
from ptf_desktop.documents.text_runs import (
    Align,
    base_direction,
    line_height,
    line_runs,
    string_width,
    write_string,
)

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
        # Each drawn line: its text, the bidi level of the line it was wrapped from, and
        # the distance to the next baseline.
        self._drawn: list[tuple[str, int, float]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Measure; lines wider than ``availWidth`` are wrapped at spaces."""
        self._drawn = []
        size, leading = self._style.fontSize, self._style.leading
        for line, width in zip(self._lines, self._widths, strict=True):
            base = base_direction(line)
            parts = [line]
            if width > availWidth:
                parts = wrap_text(" ".join(line.split()), availWidth, size, bold=self._bold)
            for part in parts:
                runs = line_runs(part, bold=self._bold, base=base)
                self._drawn.append((part, base, line_height(runs, size, leading)))
        # As wide as the widest line, so that a right-aligned column can place it.
        self.width = min(availWidth, max(self._widths, default=0))
        self.height = sum(height for _, _, height in self._drawn)
        return self.width, self.height

    def draw(self) -> None:
        """Draw every line, top down, in one text object."""
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
        # Paragraph put the first baseline one font size below the top; so do these lines.
        baseline = self.height - size
        for line, base, height in self._drawn:
            if line:
                write_string(text, x, baseline, line, size, bold=self._bold, align=align, base=base)
            baseline -= height
        canvas.drawText(text)


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
