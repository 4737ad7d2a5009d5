"""Shared layout of the business documents: page size, styles, figures, numbered pages.

Quotes, invoices and credit notes share one design: the foundation's logo and address
top left, the document title and number top right, the buyer below, the lines, the
totals, then payment details and notes. Every page carries a footer with the seller and
"Page i of N"; N is known only after the last page, so :class:`NumberedCanvas` keeps
each page's drawing until :meth:`~NumberedCanvas.save` and then adds the footers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Spacer

from ptf_desktop.documents import fonts
from ptf_desktop.documents.text_runs import (
    Align,
    draw_string,
    fit_font_size,
    string_width,
    write_string,
)

# Amounts, rates and dates as on screens and in e-mails (``domain.formatting``).
from ptf_desktop.domain.formatting import (
    format_amount,
    format_date,
    format_money,
    format_quantity,
    format_rate,
)
from ptf_desktop.domain.paper import PageSize, page_size_for_country

__all__ = [
    "ACCENT",
    "MARGIN",
    "MUTED",
    "RULE",
    "TEXT",
    "NumberedCanvas",
    "Pair",
    "Pairs",
    "draw_watermark",
    "format_amount",
    "format_date",
    "format_money",
    "format_quantity",
    "format_rate",
    "page_size_for",
    "styles",
]

MARGIN = 18 * mm
"""Page margin on every side; the footer sits inside the bottom margin's upper half."""

ACCENT = colors.HexColor("#EE4C2C")
TEXT = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B7A")
RULE = colors.HexColor("#D5DAE1")
SHADE = colors.HexColor("#F3F5F8")


def page_size_for(country: str) -> tuple[float, float]:
    """US Letter for buyers in the Letter countries (``domain.paper``), else A4, in points."""
    paper = LETTER if page_size_for_country(country) is PageSize.LETTER else A4
    width, height = paper
    return float(width), float(height)


def styles() -> Mapping[str, ParagraphStyle]:
    """The paragraph styles of the business documents, all in bundled fonts.

    Built once per process and shared by every document: ``clone`` a style to vary it,
    never change one in place.
    """
    return _styles()


@functools.cache
def _styles() -> Mapping[str, ParagraphStyle]:
    fonts.register_fonts()
    body = ParagraphStyle(
        "body", fontName=fonts.BODY_FONT, fontSize=8.5, leading=11, textColor=TEXT
    )

    def bold(name: str, size: float, leading: float, **look: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name, parent=body, fontName=fonts.BOLD_FONT, fontSize=size, leading=leading, **look
        )

    built = {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED),
        "label": bold("label", 7, 9, textColor=MUTED),
        "name": bold("name", 12, 15),
        "seller": bold("seller", 10, 13),
        "title": bold("title", 22, 26, textColor=ACCENT, alignment=TA_RIGHT),
        "column": bold("column", 7.5, 9, textColor=MUTED),
        "heading": bold("heading", 9.5, 13),
        "notice": bold("notice", 11, 14, textColor=ACCENT),
    }
    return MappingProxyType(built)


def draw_watermark(canvas: Canvas, text: str) -> None:
    """Draw a large, light, diagonal word (e.g. "DRAFT") across the page, under the content.

    Args:
        canvas: The canvas, before the page's content is drawn.
        text: The word.
    """
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.9, 0.9, 0.9))
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    draw_string(canvas, 0, -30, text, 110, bold=True, align="centre")
    canvas.restoreState()


FooterText = Callable[[int, int], tuple[str, str]]
"""(page, pages) -> (left text, right text) of a page's footer."""


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that writes "Page i of N" footers once it knows N (two passes over pages).

    Pages are kept as canvas states until :meth:`save`; then each is replayed with its
    footer. Build it through ``functools.partial(NumberedCanvas, footer=...)`` as a
    document template's ``canvasmaker``.
    """

    def __init__(self, *args: Any, footer: FooterText, watermark: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._watermark = watermark
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        """Keep the finished page; footers are drawn in :meth:`save`."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Draw every page's footer, then write the file."""
        pages = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, pages)
            super().showPage()
        super().save()

    def _draw_footer(self, page: int, pages: int) -> None:
        width, _ = self._pagesize
        left, right = self._footer(page, pages)
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        base = MARGIN - 4 * mm
        self.line(MARGIN, base + 9, width - MARGIN, base + 9)
        self.setFillColor(MUTED)
        right_width = draw_string(self, width - MARGIN, base, right, 7, align="right")
        room = width - 2 * MARGIN - right_width - 12
        draw_string(self, MARGIN, base, left, fit_font_size(left, room, 7, min_size=4))
        self.restoreState()


@dataclass(frozen=True)
class Pair:
    """One row of a :class:`Pairs` block.

    Attributes:
        label: Muted text on the left.
        value: The value; never wrapped (amounts, numbers, IBANs).
        size: Font size of the row.
        bold: Draw the value in bold.
        strong: Draw the label in bold and dark too (totals, balance due).
        rule_above: Draw a line above the row (the total under the tax rows).
    """

    label: str
    value: str
    size: float = 8.5
    bold: bool = True
    strong: bool = False
    rule_above: bool = False


class Pairs(Flowable):  # type: ignore[misc]
    """Label/value rows drawn straight onto the canvas: key facts, totals, bank details.

    Cheaper than a Table (no style commands, no cell objects) and exact: each column is
    as wide as its widest entry, measured with the fonts the runs use, so values never
    wrap. With ``value_align="right"`` the values end at the block's right edge (totals);
    with "left" they start one gap after the widest label (bank details). A value wider
    than ``max_width`` allows is drawn smaller until it fits.
    """

    def __init__(
        self,
        rows: Sequence[Pair],
        *,
        value_align: str = "right",
        gap: float = 14,
        max_width: float | None = None,
        h_align: str = "RIGHT",
    ) -> None:
        super().__init__()
        self._rows = list(rows)
        self._align = value_align
        self._gap = gap
        self.hAlign = h_align
        self._label_width = max(string_width(r.label, r.size, bold=r.strong) for r in self._rows)
        self._value_sizes = [r.size for r in self._rows]
        room = None if max_width is None else max_width - self._label_width - gap
        if room is not None:
            self._value_sizes = [
                fit_font_size(r.value, room, r.size, min_size=5, bold=r.bold) for r in self._rows
            ]
        self._value_width = max(
            string_width(r.value, size, bold=r.bold)
            for r, size in zip(self._rows, self._value_sizes, strict=True)
        )
        self._heights = [r.size * 1.25 + 3 + (4 if r.rule_above else 0) for r in self._rows]
        self.width = self._label_width + gap + self._value_width
        self.height = sum(self._heights)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The block's fixed size."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the rows from the top down: all text in one text object, then the rules."""
        canvas = self.canv
        text = canvas.beginText()
        rules: list[float] = []
        top = self.height
        value_x = self.width if self._align == "right" else self._label_width + self._gap
        align: Align = "right" if self._align == "right" else "left"
        colour: colors.Color | None = None
        for row, size, height in zip(self._rows, self._value_sizes, self._heights, strict=True):
            if row.rule_above:
                rules.append(top - 1)
            baseline = top - height + 3
            colour = self._colour(text, colour, TEXT if row.strong else MUTED)
            write_string(text, 0, baseline, row.label, row.size, bold=row.strong)
            colour = self._colour(text, colour, TEXT)
            write_string(text, value_x, baseline, row.value, size, bold=row.bold, align=align)
            top -= height
        canvas.drawText(text)
        if rules:
            canvas.setStrokeColor(TEXT)
            canvas.setLineWidth(0.8)
            for y in rules:
                canvas.line(0, y, self.width, y)

    @staticmethod
    def _colour(
        text: PDFTextObject, current: colors.Color | None, wanted: colors.Color
    ) -> colors.Color:
        """Set the fill colour unless the text object already has it; return it."""
        if wanted is not current:
            text.setFillColor(wanted)
        return wanted


class Columns(Flowable):  # type: ignore[misc]
    """Flowables stacked in side-by-side columns, optionally on a shaded band.

    A light replacement for a one-row Table (no cell styles to resolve): each column has
    a fixed width and its flowables are stacked top down; the block is as tall as the
    tallest column. Used for the page header (seller | title) and the reference strip.
    """

    def __init__(
        self,
        columns: Sequence[tuple[float, Sequence[Flowable]]],
        *,
        padding: float = 0,
        background: colors.Color | None = None,
        align_last_right: bool = False,
    ) -> None:
        super().__init__()
        self._columns = [(width, list(parts)) for width, parts in columns]
        self._padding = padding
        self._background = background
        self._align_last_right = align_last_right
        self._sizes: list[list[tuple[float, float]]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Wrap every part to its column's inner width; the height is the tallest column."""
        self._sizes = []
        inner = 2 * self._padding
        for width, parts in self._columns:
            self._sizes.append([part.wrap(width - inner, availHeight) for part in parts])
        self.width = sum(width for width, _ in self._columns)
        self.height = max(sum(h for _, h in sizes) for sizes in self._sizes) + inner
        return self.width, self.height

    def draw(self) -> None:
        """Draw the band, then each column's parts from the top down."""
        canvas = self.canv
        if self._background is not None:
            canvas.setFillColor(self._background)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        x = 0.0
        last = len(self._columns) - 1
        for index, ((width, parts), sizes) in enumerate(
            zip(self._columns, self._sizes, strict=True)
        ):
            top = self.height - self._padding
            for part, (part_width, part_height) in zip(parts, sizes, strict=True):
                top -= part_height
                if isinstance(part, Spacer):  # draws nothing but a saved state
                    continue
                left = x + self._padding
                if index == last and self._align_last_right:
                    left = x + width - self._padding - part_width
                part.drawOn(canvas, left, top)
            x += width
