"""Reading an organizations CSV file into rows, before any value is judged.

What Excel writes must read: UTF-8 with or without a byte-order mark, CRLF or LF line
ends, quoted cells with commas and line breaks. Line numbers are physical lines of the
file (the header is line 1), so a person can find the line in a text editor; a quoted
cell that spans lines is reported at the line where its row starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...domain.errors import UserError
from .organization_columns import EXPORT_COLUMNS, IMPORT_COLUMNS, restore


@dataclass(frozen=True)
class ImportProblem:
    """Why one line of a file cannot be imported (or, as a warning, what to look at).

    Attributes:
        line: the physical line of the file (the header is line 1).
        column: the column concerned; "" when it is the whole line.
        message: the reason, written for a person.
    """

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class CsvRow:
    """One data row: its line and its cells by column name (neutralizing quotes removed)."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class CsvTable:
    """The data rows of a file that could be read, and the problems found reading it."""

    rows: tuple[CsvRow, ...]
    problems: tuple[ImportProblem, ...]


_ENCODING_MESSAGE = (
    "This line is not UTF-8 text. Save the file as \u201cCSV UTF-8 (comma delimited)\u201d "
    "and import it again."
)
_HEADER_MESSAGE = "The first line must be the header row with the columns: " + ", ".join(
    IMPORT_COLUMNS
)


def read_table(path: Path) -> CsvTable:
    """Read a CSV file into rows keyed by column name.

    Args:
        path: the file.

    Returns:
        The rows and the problems: lines that are not UTF-8, a missing or wrong header,
        rows that are not well-formed CSV or have the wrong number of cells.

    Raises:
        UserError: the file cannot be read at all (missing, not allowed, a folder).
    """
    data = _read_bytes(path)
    bad_lines = _undecodable_lines(data)
    if bad_lines:
        return CsvTable((), tuple(ImportProblem(n, "", _ENCODING_MESSAGE) for n in bad_lines))
    records, problems = _records(data.decode("utf-8-sig"))
    if not records:
        return CsvTable(
            (), (*problems, ImportProblem(1, "", "The file is empty. " + _HEADER_MESSAGE))
        )
    header_line, header_cells = records[0]
    columns, header_problems = _check_header(header_line, header_cells)
    if columns is None:
        return CsvTable((), (*problems, *header_problems))
    rows = []
    for line, cells in records[1:]:
        if len(cells) != len(columns):
            problems.append(
                ImportProblem(
                    line, "", f"This line has {len(cells)} values; the header has {len(columns)}."
                )
            )
            continue
        rows.append(
            CsvRow(line, {name: restore(cell) for name, cell in zip(columns, cells, strict=True)})
        )
    return CsvTable(tuple(rows), tuple(problems))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a folder, not a CSV file.") from None
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror or error}.") from None


def _undecodable_lines(data: bytes) -> list[int]:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # A line feed byte never occurs inside a UTF-8 sequence, so lines can be judged
        # one by one and every bad line reported, not only the first.
        return [number for number, line in enumerate(data.split(b"\n"), 1) if not _is_utf8(line)]
    return []


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _records(text: str) -> tuple[list[tuple[int, list[str]]], list[ImportProblem]]:
    """Non-blank CSV records with the line each starts on, and the malformed ones."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    problems: list[ImportProblem] = []
    previous_end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(ImportProblem(previous_end + 1, "", f"This is not valid CSV: {error}."))
            if reader.line_num == previous_end:  # nothing more could be read
                break
        else:
            # Excel leaves rows of empty cells where a row was cleared; they are no data.
            if any(cell.strip() for cell in cells):
                records.append((previous_end + 1, cells))
        previous_end = reader.line_num
    return records, problems


def _check_header(line: int, cells: Sequence[str]) -> tuple[list[str] | None, list[ImportProblem]]:
    """The column names, or None and the reasons the header is refused."""
    names = [cell.strip().lower() for cell in cells]
    known = set(EXPORT_COLUMNS)
    if not known.intersection(names):
        return None, [ImportProblem(line, "", _HEADER_MESSAGE + ".")]
    problems = []
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(ImportProblem(line, name, "The column appears more than once."))
        elif name not in known:
            problems.append(
                ImportProblem(line, name or "(empty)", "Unknown column. " + _HEADER_MESSAGE + ".")
            )
        seen.add(name)
    for name in IMPORT_COLUMNS:
        if name not in seen:
            problems.append(ImportProblem(line, name, "The column is missing from the header."))
    return (None if problems else names), problems
