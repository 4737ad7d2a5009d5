"""The lines table of quotes, invoices and credit notes, drawn row by row.

A ReportLab ``LongTable`` resolves style commands and draws every cell as its own text
object; an 80-line invoice has 480 cells. This flowable draws a page's rows in one text
object (each value placed with a text matrix), keeps the header row on every page it
continues to (what ``repeatRows=1`` does), and splits between rows. Numbers are plain
strings in columns measured by the caller to fit them, so they never wrap; a
description that is not plain ASCII or does not fit its column is a
:class:`~ptf_desktop.documents.text_lines.TextLines` (font runs, wrapping).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ptf_desktop.documents.text_lines import TextLines
from ptf_desktop.documents.text_runs import Align, string_width, write_string

__all__ = ["LineRow", "LinesTable"]

_PAD = 4.0
"""Space above and below the text of a row, in points."""

_GAP = 6.0
"""Space between columns, in points (none before the first or after the last)."""


@dataclass(frozen=True)
class LineRow:
    """One row: the description and the right-aligned figures."""

    description: str
    figures: tuple[str, ...]


class LinesTable(Flowable):  # type: ignore[misc]
    """Header plus rows; splits across pages with the header repeated.

    Args:
        header: Column titles; the first is the description's.
        rows: The rows, each with one figure per further column.
        widths: Column widths in points (the description first).
        style: Size, leading and colour of the rows.
        header_style: Size and colour of the header (drawn bold).
        rule: Colour of the thin lines between rows.
        header_rule: Colour of the line under the header.
    """

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[LineRow],
        widths: Sequence[float],
        style: ParagraphStyle,
        header_style: ParagraphStyle,
        *,
        rule: colors.Color,
        header_rule: colors.Color,
    ) -> None:
        super().__init__()
        self._header = list(header)
        self._rows = list(rows)
        self._widths = list(widths)
        self._style = style
        self._header_style = header_style
        self._rule = rule
        self._header_rule = header_rule
        self._cells: list[TextLines | None] = []
        self._heights: list[float] = []
        self.width = sum(self._widths)
        self._measure()

    def _measure(self) -> None:
        size = self._style.fontSize
        room = self._widths[0] - _GAP
        self._cells, self._heights = [], []
        for row in self._rows:
            text = row.description
            if "\n" not in text and "\t" not in text and string_width(text, size) <= room:
                self._cells.append(None)
                self._heights.append(self._style.leading + 2 * _PAD)
            else:
                cell = TextLines([text], self._style)
                _, height = cell.wrap(room, 10_000)
                self._cells.append(cell)
                self._heights.append(height + 2 * _PAD)
        self._header_height = self._header_style.leading + 2 * _PAD

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The table's size: header plus every row."""
        self.height = self._header_height + sum(self._heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Cut after the last row that fits; the rest starts with the header again."""
        used = self._header_height
        count = 0
        for height in self._heights:
            if used + height > availHeight:
                break
            used += height
            count += 1
        if count == 0 or count == len(self._rows):
            return [] if count == 0 else [self]
        first = self._part(self._rows[:count])
        # The space above the table stays above its first part.
        first.spaceBefore = getattr(self, "spaceBefore", 0)
        return [first, self._part(self._rows[count:])]

    def _part(self, rows: Sequence[LineRow]) -> LinesTable:
        return LinesTable(
            self._header,
            rows,
            self._widths,
            self._style,
            self._header_style,
            rule=self._rule,
            header_rule=self._header_rule,
        )

    def _right_edges(self) -> list[float]:
        edges, x = [], 0.0
        for index, width in enumerate(self._widths):
            x += width
            last = index == len(self._widths) - 1
            edges.append(x if last else x - _GAP)
        return edges

    def draw(self) -> None:
        """Draw the header, the rows and the rules, top down."""
        canvas = self.canv
        edges = self._right_edges()
        head = self._header_style
        top = self.height
        text = canvas.beginText()
        text.setFillColor(head.textColor)
        baseline = top - _PAD - head.fontSize
        for index, title in enumerate(self._header):
            align: Align = "left" if index == 0 else "right"
            x = 0.0 if index == 0 else edges[index]
            write_string(text, x, baseline, title, head.fontSize, bold=True, align=align)
        top -= self._header_height
        rules = [(top, self._header_rule, 0.8)]
        size = self._style.fontSize
        text.setFillColor(self._style.textColor)
        deferred: list[tuple[TextLines, float]] = []
        for row, cell, height in zip(self._rows, self._cells, self._heights, strict=True):
            baseline = top - _PAD - size
            if cell is None:
                write_string(text, 0, baseline, row.description, size)
            else:
                deferred.append((cell, top - _PAD - cell.height))
            for index, figure in enumerate(row.figures, start=1):
                write_string(text, edges[index], baseline, figure, size, align="right")
            top -= height
            rules.append((top, self._rule, 0.4))
        canvas.drawText(text)
        for cell, bottom in deferred:
            cell.drawOn(canvas, 0, bottom)
        for y, colour, width in rules:
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(width)
            canvas.line(0, y, self.width, y)
