"""Reports as PDF: a landscape table with its heading repeated on every page.

The first page starts with the report's title, what it covers and when it was made; the
table follows, its heading row repeated on each page; every page's footer names the
report and says "Page i of N". Names in any script are drawn shaped with the bundled
fonts through ``text_runs`` (a cell that fits and that shaping leaves alone is a plain
string, which keeps a report of tens of thousands of rows quick). Numbers and money are
right-aligned; money shows its currency code. The PDF carries title, author and subject metadata.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, LongTable, PageTemplate, Spacer, TableStyle

from ptf_desktop.documents.render_lock import one_render_at_a_time

from ..domain.money import Money
from ..domain.progress import NO_PROGRESS, Progress
from ..domain.reports import ColumnType, Report, ReportMetadata, Value
from . import fonts
from .coverage import refuse_undrawable, texts_of
from .layout import (
    MARGIN,
    MUTED,
    RULE,
    SHADE,
    TEXT,
    NumberedCanvas,
    format_money,
    page_size_for,
    styles,
)
from .text_lines import make_text
from .text_runs import plain_text_drawable, string_width

_SIZE = 8.0
_MOST_LINES = 12  # of a cell in a PDF report; see _clipped
_PADDING = 4.0
_SAMPLE_ROWS = 300  # rows measured to size the columns
_ROW_HEIGHT = _SIZE + 2 + 5  # leading and padding of a one-line row, for progress
_NUMERIC = (ColumnType.NUMBER, ColumnType.MONEY, ColumnType.DATE)


@one_render_at_a_time
def render_report_pdf(
    report: Report, metadata: ReportMetadata, progress: Progress = NO_PROGRESS
) -> bytes:
    """Render a report as a landscape PDF.

    Args:
        report: the report.
        metadata: the author (the foundation's legal name) and its country.
        progress: told of the rows laid out, page by page (an estimate: rows wrap).

    Returns:
        The PDF bytes.

    Raises:
        Cancelled: ``progress`` asked to stop.
        UndrawableTextError: a value holds a character no bundled font can draw.
    """
    refuse_undrawable(texts_of(report), what=f"The report {report.title!r}")
    fonts.register_fonts()
    buffer = io.BytesIO()
    made = f"Made {report.generated_at:%Y-%m-%d %H:%M}"
    subject = f"{report.subtitle} · {made}" if report.subtitle else made
    template = BaseDocTemplate(
        buffer,
        pagesize=landscape(page_size_for(metadata.country)),
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
        title=report.title, author=metadata.author, subject=subject,
        creator="PTF Desktop", producer="PTF Desktop (ReportLab)", lang="en",
        initialFontName=fonts.BODY_FONT,
    )  # fmt: skip
    frame = Frame(
        template.leftMargin, template.bottomMargin, template.width, template.height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    total = len(report.rows)
    rows_per_page = max(int(template.height // _ROW_HEIGHT), 1)

    def page_done(_canvas: Any, document: Any) -> None:
        progress.step(min(document.page * rows_per_page, total), total)

    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=page_done)])

    def footer(page: int, pages: int) -> tuple[str, str]:
        return f"{metadata.author} · {report.title} · {made}", f"Page {page} of {pages}"

    st = styles()
    story: list[Any] = [
        make_text(report.title, st["name"]),
        make_text(subject, st["small"]),
        Spacer(1, 5 * mm),
        _table(report, template.width, st),
    ]
    template.build(story, canvasmaker=functools.partial(NumberedCanvas, footer=footer))
    return buffer.getvalue()


def format_value(value: Value) -> str:
    """A value as the PDF shows it: 1,234; USD 1,234.50; 2026-03-01."""
    if value is None:
        return ""
    if isinstance(value, Money):
        return format_money(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        raise TypeError("a report holds no booleans")
    if isinstance(value, int | Decimal):
        return f"{value:,}"
    return value


def _table(report: Report, width: float, st: Mapping[str, Any]) -> LongTable:
    widths = _column_widths(report, width)
    header = [make_text(column.name, st["label"]) for column in report.columns]
    body_style = st["body"].clone("cell", fontSize=_SIZE, leading=_SIZE + 2)
    rows: list[list[Any]] = [header]
    for row in report.rows:
        cells: list[Any] = []
        for value, column_width in zip(row, widths, strict=True):
            text = _clipped(format_value(value), column_width)
            if _plain_fits(text, column_width):
                cells.append(text)
            else:
                cells.append(make_text(text, body_style))
        rows.append(cells)
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.BODY_FONT),
        ("FONTSIZE", (0, 0), (-1, -1), _SIZE),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, TEXT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, SHADE]),
    ]
    for index, column in enumerate(report.columns):
        if column.type in (ColumnType.NUMBER, ColumnType.MONEY):
            commands.append(("ALIGN", (index, 1), (index, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    return table


def _clipped(text: str, column_width: float) -> str:
    """The text of a cell, cut with an ellipsis past about a dozen lines of its column.

    A table row cannot break across pages, so one very long value in a narrow column (a
    500-character name in a report of twenty columns) would make a row taller than the
    page. The CSV and XLSX files of the same report keep every value whole.
    """
    per_line = max(1, int((column_width - 2 * _PADDING) / (_SIZE * 0.6)))
    most = per_line * _MOST_LINES
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _plain_fits(text: str, column_width: float) -> bool:
    """Whether a cell can be a plain string: one body-font run that fits its column.

    Only text that shaping leaves as ReportLab draws it (no kerning, no ligature).
    """
    if not plain_text_drawable(text, fonts.BODY_FONT):
        return False
    return string_width(text, _SIZE) <= column_width - 2 * _PADDING


def _column_widths(report: Report, width: float) -> list[float]:
    """Natural widths (heading and a sample of values); text columns shrink to fit the page."""
    natural = []
    for index, column in enumerate(report.columns):
        longest = string_width(column.name, 7, bold=True)
        for row in report.rows[:_SAMPLE_ROWS]:
            longest = max(longest, string_width(format_value(row[index]), _SIZE))
        natural.append(longest + 2 * _PADDING + 1)
    total = sum(natural)
    if total <= width:
        spare = (width - total) / len(natural)
        return [w + spare for w in natural]
    # Numbers and dates keep their width; the text columns share the rest so that a
    # short column (a tier, a country) keeps its natural width and the long ones wrap.
    widths = list(natural)
    flexible = sorted(
        (w, i) for i, (w, c) in enumerate(zip(natural, report.columns, strict=True))
        if c.type not in _NUMERIC
    )  # fmt: skip
    room = width - sum(
        w for w, c in zip(natural, report.columns, strict=True) if c.type in _NUMERIC
    )
    for position, (wanted, index) in enumerate(flexible):
        fair = max(room / (len(flexible) - position), 30.0)
        widths[index] = min(wanted, fair)
        room -= widths[index]
    return widths
