"""Writing a report as CSV: a header row and one row per report row.

UTF-8 with a byte-order mark and CRLF line ends (Excel reads that as UTF-8), dates in
ISO form, numbers and money as plain decimals with a point (money's currency goes into
the column heading when the column has one currency, into each cell otherwise). Text a
spreadsheet could run as a formula is neutralized exactly as the organizations export
does it.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from ...domain.money import Money
from ...domain.progress import NO_PROGRESS, Progress
from ...domain.reports import Column, ColumnType, Report, ReportMetadata, Value
from ..register.organization_columns import neutralize

STEP_ROWS = 5_000  # rows between two progress reports (and chances to cancel)


def write_csv(
    report: Report,
    path: Path,
    metadata: ReportMetadata | None = None,
    progress: Progress = NO_PROGRESS,
) -> None:
    """Write the report to ``path`` (the caller makes the write atomic); no metadata in CSV.

    Raises:
        Cancelled: ``progress`` asked to stop (the caller removes the partial file).
    """
    currencies = [_single_currency(report, index) for index in range(len(report.columns))]
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(
            neutralize(_heading(column, currency))
            for column, currency in zip(report.columns, currencies, strict=True)
        )
        total = len(report.rows)
        for done, row in enumerate(report.rows, start=1):
            writer.writerow(
                _cell(value, currency is not None)
                for value, currency in zip(row, currencies, strict=True)
            )
            if done % STEP_ROWS == 0:
                progress.step(done, total)
    progress.step(total, total)


def _single_currency(report: Report, index: int) -> str | None:
    if report.columns[index].type is not ColumnType.MONEY:
        return None
    found = {value.currency for row in report.rows if isinstance(value := row[index], Money)}
    return found.pop() if len(found) == 1 else None


def _heading(column: Column, currency: str | None) -> str:
    return f"{column.name} ({currency})" if currency else column.name


def _cell(value: Value, currency_in_heading: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, Money):
        amount = format(value.amount, "f")
        return amount if currency_in_heading else f"{amount} {value.currency}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralize(value)
    return format(value, "f") if not isinstance(value, int) else str(value)
