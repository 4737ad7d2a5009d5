"""The report model: title, typed columns, rows of values of those types.

A report is plain data (domain: no database, no Qt), built by a service and handed to any
writer, the PDF renderer of ``documents`` included. The column types
say how a writer shows a value: text as text, numbers and money as numbers a spreadsheet
can sum, dates as dates. Rows are checked against the columns when the report is made,
so a writer never meets a value of the wrong type.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from .money import Money

Value = str | int | Decimal | date | Money | None


class ColumnType(StrEnum):
    """How the values of a column are kept and shown."""

    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"


_ACCEPTS: dict[ColumnType, tuple[type, ...]] = {
    ColumnType.TEXT: (str,),
    ColumnType.NUMBER: (int, Decimal),
    ColumnType.MONEY: (Money,),
    ColumnType.DATE: (date,),
}


@dataclass(frozen=True)
class Column:
    """A column: its heading and the type of its values."""

    name: str
    type: ColumnType = ColumnType.TEXT


@dataclass(frozen=True)
class Report:
    """A finished report, ready to be written.

    Attributes:
        title: e.g. "Member list by tier".
        columns: the columns, in order.
        rows: one tuple of values per row, in the columns' order (None: empty cell).
        subtitle: what the report covers, e.g. "Current members" or "Year 2026".
        generated_at: when it was made (timezone-aware), printed with it.
        table_only: spreadsheets hold only the heading row and the rows, no title above
            (a list that is read back in, as the organizations export is).
    """

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    subtitle: str = ""
    generated_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    table_only: bool = False

    def __post_init__(self) -> None:
        width = len(self.columns)
        if any(len(row) != width for row in self.rows):
            self._explain_mismatch()
        # Checked column by column, each distinct type once: a list of 50,000 members
        # holds 400,000 values but only a few types.
        for index, column in enumerate(self.columns):
            kinds = {type(row[index]) for row in self.rows}
            if not all(_fits_type(kind, column.type) for kind in kinds):
                self._explain_mismatch()

    def _explain_mismatch(self) -> None:
        """Raise the error of the first row that does not fit the columns."""
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(f"row {number} has {len(row)} values for {len(self.columns)}")
            for column, value in zip(self.columns, row, strict=True):
                if not _fits_type(type(value), column.type):
                    raise TypeError(
                        f"row {number}, column {column.name!r}: {type(value).__name__} is not "
                        f"a {column.type.value} value"
                    )


@dataclass(frozen=True)
class ReportMetadata:
    """Who a written report says made it, and on which paper (the country decides)."""

    author: str = "PTF Desktop"
    country: str = "US"


def _fits_type(value_type: type, kind: ColumnType) -> bool:
    """Whether values of a type may stand in a column of a kind (None: an empty cell)."""
    if value_type is type(None):
        return True
    if issubclass(value_type, bool):  # a bool is an int to Python, never a count to a reader
        return False
    if kind is ColumnType.DATE and issubclass(value_type, datetime):
        return False
    return issubclass(value_type, _ACCEPTS[kind])


def make_report(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Value]],
    subtitle: str = "",
) -> Report:
    """Build a report from any sequences (checked: see ``Report``).

    Raises:
        ValueError: a row has the wrong number of values.
        TypeError: a value does not fit its column's type.
    """
    return Report(title, tuple(columns), tuple(tuple(row) for row in rows), subtitle)
