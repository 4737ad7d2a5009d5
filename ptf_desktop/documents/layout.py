"""Shared layout of the business documents: page size, styles, figures, numbered pages.

Quotes, invoices and credit notes share one design: the foundation's logo and address
top left, the document title and number top right, the buyer below, the lines, the
totals, then payment details and notes. Every page carries a footer with the seller and
"Page i of N"; N is known only after the last page, so :class:`NumberedCanvas` keeps
each page's drawing until :meth:`~NumberedCanvas.save` and then adds the footers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ptf_desktop.documents import fonts
from ptf_desktop.documents.text_runs import draw_string, fit_font_size
from ptf_desktop.domain.money import Money, minor_unit_digits

__all__ = [
    "ACCENT",
    "MARGIN",
    "MUTED",
    "RULE",
    "TEXT",
    "NumberedCanvas",
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

_LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA"})
"""Countries whose offices use US Letter; everyone else gets A4."""


def page_size_for(country: str) -> tuple[float, float]:
    """US Letter for buyers in North America (and other Letter countries), else A4."""
    width, height = LETTER if country.upper() in _LETTER_COUNTRIES else A4
    return float(width), float(height)


def format_amount(money: Money, *, negative: bool = False) -> str:
    """``1,234.50`` (``-1,234.50`` when ``negative``): no currency, the minor unit's digits."""
    amount = -money.amount if negative else money.amount
    if amount == 0:
        amount = abs(amount)
    return f"{amount:,.{minor_unit_digits(money.currency)}f}"


def format_money(money: Money, *, negative: bool = False) -> str:
    """``USD 1,234.50``: the ISO currency code and the amount."""
    return f"{money.currency} {format_amount(money, negative=negative)}"


def format_quantity(quantity: Decimal) -> str:
    """``3``, ``2.5``: no trailing zeros, no exponent."""
    text = f"{quantity.normalize():f}"
    return text


def format_rate(rate: Decimal) -> str:
    """``19%``, ``7.5%``, ``0%``."""
    return f"{format_quantity(rate) if rate else '0'}%"


def format_date(date: dt.date) -> str:
    """ISO 8601 (``2027-01-04``): unambiguous for every reader in every country."""
    return date.isoformat()


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the business documents, all in bundled fonts."""
    fonts.register_fonts()
    body = ParagraphStyle(
        "body", fontName=fonts.BODY_FONT, fontSize=8.5, leading=11, textColor=TEXT
    )
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED),
        "label": ParagraphStyle(
            "label", parent=body, fontName=fonts.BOLD_FONT, fontSize=7, leading=9, textColor=MUTED
        ),
        "name": ParagraphStyle(
            "name", parent=body, fontName=fonts.BOLD_FONT, fontSize=12, leading=15
        ),
        "seller": ParagraphStyle(
            "seller", parent=body, fontName=fonts.BOLD_FONT, fontSize=10, leading=13
        ),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=fonts.BOLD_FONT,
            fontSize=22,
            leading=26,
            textColor=ACCENT,
            alignment=TA_RIGHT,
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=fonts.BOLD_FONT, fontSize=9.5, leading=13
        ),
        "notice": ParagraphStyle(
            "notice",
            parent=body,
            fontName=fonts.BOLD_FONT,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
        ),
    }


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

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
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
