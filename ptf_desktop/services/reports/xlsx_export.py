"""Writing a report as an XLSX workbook with real number, money and date cells.

The sheet starts with the title, what the report covers and when it was made; the table
follows with a bold heading row that stays in view (frozen) and carries a filter. Money
cells are numbers with a number format showing the currency (``#,##0.00 "USD"``), so a
spreadsheet sums them; dates are date cells. Text that could run as a formula is
neutralized as the organizations export does it, and characters XML cannot hold are
replaced.

The sheet's XML is streamed row by row, each column with its cell template chosen once
(``xlsx_package`` has why and the parts around the sheet): the 53,000 rows of a large
member list take about a second instead of fifteen.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from ...domain.money import Money, minor_unit_digits
from ...domain.progress import NO_PROGRESS, Progress
from ...domain.reports import ColumnType, Report, ReportMetadata, Value
from ..register.organization_columns import neutralize
from .xlsx_package import MAIN, RELATIONSHIPS, SHEET_PATH, Styles, column_letter, write_package
from .xlsx_package import xml_text as _xml

HEADER_ROW = 4  # title, subtitle, an empty row, then the table (row 1 when table only)
STEP_ROWS = 2_000  # rows between two progress reports (and chances to cancel)
_SHEET_NAME_FORBIDDEN = str.maketrans({char: " " for char in "[]:*?/\\"})
_WIDTH_LIMIT = 60
_EPOCH = date(1899, 12, 30).toordinal()  # day 0 of spreadsheet dates (1900 system)
Cell = Callable[[Value, str], str]  # a value and its row number -> the cell's XML


def write_xlsx(
    report: Report,
    path: Path,
    metadata: ReportMetadata | None = None,
    progress: Progress = NO_PROGRESS,
) -> None:
    """Write the report to ``path`` (the caller makes the write atomic).

    The workbook's properties carry the title, subject and author (``metadata``).

    Raises:
        Cancelled: ``progress`` asked to stop (the caller removes the partial file).
    """
    styles = Styles()
    letters = [column_letter(n) for n in range(1, len(report.columns) + 1)]
    header_row = 1 if report.table_only else HEADER_ROW
    last_row = header_row + len(report.rows)
    made = f"Made {report.generated_at:%Y-%m-%d %H:%M}"
    subject = f"{report.subtitle} · {made}" if report.subtitle else made
    cells = [_cell_writer(column.type, letter, styles) for column, letter in zip(
        report.columns, letters, strict=True)]  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        with archive.open(SHEET_PATH, "w") as sheet:
            sheet.write(_sheet_start(report, letters, header_row, last_row).encode("utf-8"))
            title = "" if report.table_only else (
                _text_row(1, [report.title], letters, Styles.TITLE)
                + _text_row(2, [subject], letters, 0)
            )  # fmt: skip
            heading = _text_row(header_row, [c.name for c in report.columns], letters, Styles.BOLD)
            sheet.write((title + heading).encode("utf-8"))
            chunk: list[str] = []
            total = len(report.rows)
            for number, row in enumerate(report.rows, start=header_row + 1):
                r = str(number)
                chunk.append(
                    f'<row r="{r}">'
                    + "".join(
                        cell(value, r)
                        for cell, value in zip(cells, row, strict=True)
                        if value is not None and value != ""  # empty text: an empty cell
                    )  # fmt: skip
                    + "</row>"
                )
                if len(chunk) == STEP_ROWS:
                    sheet.write("".join(chunk).encode("utf-8"))
                    chunk.clear()
                    progress.step(number - header_row, total)
            sheet.write("".join(chunk).encode("utf-8"))
            sheet.write(
                f'</sheetData><autoFilter ref="A{header_row}:{letters[-1]}{last_row}"/>'
                '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                'footer="0.3"/></worksheet>'.encode()
            )
        write_package(
            archive,
            sheet_name=_sheet_name(report.title),
            filter_range=f"$A${header_row}:${letters[-1]}${last_row}",
            title=report.title,
            subject=report.subtitle,
            author=(metadata or ReportMetadata()).author,
            styles=styles,
        )
    progress.step(total, total)


def _sheet_start(report: Report, letters: list[str], header_row: int, last_row: int) -> str:
    top = f"A{header_row + 1}"
    columns = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, width in enumerate(_column_widths(report), start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
        f'<dimension ref="A1:{letters[-1]}{last_row}"/>'
        f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{header_row}" '
        f'topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{columns}</cols><sheetData>'
    )


def _text_row(number: int, texts: list[str], letters: list[str], style: int) -> str:
    # Fewer texts than columns: the title and subtitle fill the first cell only.
    pairs = zip(letters, texts, strict=False)
    shown = "".join(_inline(f"{letter}{number}", text, style) for letter, text in pairs)
    return f'<row r="{number}">{shown}</row>'


def _inline(reference: str, text: str, style: int = 0) -> str:
    styled = f' s="{style}"' if style else ""
    # xml:space keeps spaces at either end, which XML would otherwise let a reader drop.
    return (
        f'<c r="{reference}"{styled} t="inlineStr"><is><t xml:space="preserve">'
        f"{_xml(neutralize(text))}</t></is></c>"
    )


def _cell_writer(kind: ColumnType, letter: str, styles: Styles) -> Cell:
    """The function writing a column's cells; each checks its value's type."""

    def number(value: Value, row: str) -> str:
        if isinstance(value, int):
            return f'<c r="{letter}{row}" s="{Styles.INTEGER}"><v>{value}</v></c>'
        if isinstance(value, Decimal):
            return f'<c r="{letter}{row}" s="{Styles.DECIMAL}"><v>{value:f}</v></c>'
        return text(value, row)

    def money(value: Value, row: str) -> str:
        if isinstance(value, Money):
            style = styles.custom_format(money_format(value.currency))
            return f'<c r="{letter}{row}" s="{style}"><v>{value.amount:f}</v></c>'
        return number(value, row)

    def day(value: Value, row: str) -> str:
        if isinstance(value, date):
            serial = value.toordinal() - _EPOCH
            return f'<c r="{letter}{row}" s="{Styles.DATE}"><v>{serial}</v></c>'
        return text(value, row)

    def text(value: Value, row: str) -> str:
        return _inline(f"{letter}{row}", value if isinstance(value, str) else str(value))

    return {
        ColumnType.NUMBER: number, ColumnType.MONEY: money, ColumnType.DATE: day,
    }.get(kind, text)  # fmt: skip


def money_format(currency: str) -> str:
    """The spreadsheet number format of an amount in a currency, e.g. ``#,##0.00 "USD"``."""
    digits = minor_unit_digits(currency)
    decimals = "." + "0" * digits if digits else ""
    return f'#,##0{decimals} "{currency}";-#,##0{decimals} "{currency}"'


def _sheet_name(title: str) -> str:
    """Excel refuses sheet names over 31 characters or with brackets, colons, slashes..."""
    name = " ".join(title.translate(_SHEET_NAME_FORBIDDEN).split())[:31].strip("' ")
    return name or "Report"


def _column_widths(report: Report) -> list[int]:
    widths = []
    for index, column in enumerate(report.columns):
        longest = len(column.name)
        if column.type is ColumnType.DATE:
            longest = max(longest, 10)
        for row in report.rows[:500]:  # a sample is enough to size a column
            value = row[index]
            shown = f"{value.amount:,} {value.currency}" if isinstance(value, Money) else value
            longest = max(longest, len(str(shown)) if value is not None else 0)
        widths.append(min(longest + 2, _WIDTH_LIMIT))
    return widths
