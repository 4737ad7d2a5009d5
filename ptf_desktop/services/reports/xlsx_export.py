"""Writing a report as an XLSX workbook with real number, money and date cells.

The sheet starts with the title, what the report covers and when it was made; the table
follows with a bold heading row that stays in view (frozen) and carries a filter. Money
cells are numbers with a number format showing the currency (``#,##0.00 "USD"``), so a
spreadsheet sums them; dates are date cells. Text that could run as a formula is
neutralized as the organizations export does it, and characters XML cannot hold are
replaced.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...domain.money import Money, minor_unit_digits
from ...domain.reports import ColumnType, Report, ReportMetadata, Value
from ..register.organization_columns import neutralize

HEADER_ROW = 4  # title, subtitle, an empty row, then the table
_SHEET_NAME_FORBIDDEN = str.maketrans({char: " " for char in "[]:*?/\\"})
_WIDTH_LIMIT = 60


def write_xlsx(report: Report, path: Path, metadata: ReportMetadata | None = None) -> None:
    """Write the report to ``path`` (the caller makes the write atomic).

    The workbook's properties carry the title, subject and author (``metadata``).
    """
    from openpyxl import Workbook  # type: ignore[import-untyped]  # no stubs installed
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    # Write-only mode streams rows instead of holding every cell in memory.
    workbook = Workbook(write_only=True)
    workbook.properties.title = report.title
    workbook.properties.subject = report.subtitle
    workbook.properties.creator = (metadata or ReportMetadata()).author
    sheet = workbook.create_sheet(_sheet_name(report.title))
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    widths = _column_widths(report)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(report.columns))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(report.rows)}"

    def styled(value: Any, font: Any) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = font
        return cell

    sheet.append([styled(_text(report.title), Font(bold=True, size=14))])
    made = f"Made {report.generated_at:%Y-%m-%d %H:%M}"
    sheet.append([_text(f"{report.subtitle} · {made}" if report.subtitle else made)])
    sheet.append([])
    bold = Font(bold=True)
    sheet.append([styled(_text(column.name), bold) for column in report.columns])
    for row in report.rows:
        sheet.append([_cell(sheet, value, WriteOnlyCell) for value in row])
    workbook.save(path)


def _cell(sheet: Any, value: Value, make_cell: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Money):
        cell = make_cell(sheet, value=value.amount)
        cell.number_format = money_format(value.currency)
        return cell
    if isinstance(value, date):
        cell = make_cell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, Decimal):
        cell = make_cell(sheet, value=value)
        cell.number_format = "#,##0.00"
        return cell
    if isinstance(value, int):
        cell = make_cell(sheet, value=value)
        cell.number_format = "#,##0"
        return cell
    return _text(value)


def money_format(currency: str) -> str:
    """The spreadsheet number format of an amount in a currency, e.g. ``#,##0.00 "USD"``."""
    digits = minor_unit_digits(currency)
    decimals = "." + "0" * digits if digits else ""
    return f'#,##0{decimals} "{currency}";-#,##0{decimals} "{currency}"'


def _text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

    return neutralize(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))


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
