"""Document numbers: a series per prefix and year, numbered 1, 2, 3... without gaps.

The prefix comes from the settings and may carry a device part (``INV-L07``) so that two
laptops issuing offline never produce the same number. The service takes the next number
of a series inside the transaction that issues the document.
"""

from __future__ import annotations

import re

from ..validation import series_prefix

NUMBER_DIGITS = 4
_NUMBER = re.compile(r"(?P<series>[A-Z0-9-]+-\d{4})-(?P<sequence>\d+)")


def series_key(prefix: str, year: int) -> str:
    """The series a document issued in ``year`` belongs to, e.g. ``INV-2027``.

    Raises:
        ValueError: the prefix is not a valid series prefix, or the year is out of range.
    """
    if not 1900 <= year <= 9999:
        raise ValueError(f"{year} is not a year documents are issued in.")
    return f"{series_prefix(prefix, 'The series prefix')}-{year:04d}"


def format_number(series: str, sequence: int) -> str:
    """The document number of the ``sequence``-th document of a series: ``INV-2027-0001``.

    Numbers past 9999 simply get more digits; they still sort within a series by length
    first, which is how people read them.
    """
    if sequence < 1:
        raise ValueError("document numbers start at 1")
    return f"{series}-{sequence:0{NUMBER_DIGITS}d}"


def parse_number(number: str) -> tuple[str, int] | None:
    """Split ``INV-L07-2027-0012`` into its series and sequence, or None if it is not one."""
    match = _NUMBER.fullmatch(number.strip().upper())
    if match is None:
        return None
    return match["series"], int(match["sequence"])
