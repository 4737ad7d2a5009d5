"""Taking the next number of a document series, inside the issuing transaction.

The write sessions start their transactions with ``BEGIN IMMEDIATE`` (see
persistence/engine.py), so the counter is read and incremented under SQLite's write lock:
two processes issuing at the same time wait for each other and never take the same
number, and a transaction that fails rolls its number back with it, leaving no gap.

A laptop that joined a team server after another one seeded it numbers in its own
series: its device code goes before the year (``INV-2027`` becomes ``INV-L07-2027``), so
two laptops issuing offline never take the same number.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.billing.issue_dates import check_issue_date, parse_closing_date
from ...domain.billing.numbering import format_number, parse_number
from ...persistence.ids import time_ordered_uuid
from ...persistence.models.billing import CreditNote, DocumentSeries, Invoice
from ...persistence.sync.local_state import series_device_code


def take_next_number(session: Session, series: str) -> str:
    """Take the next number of a series and return the formatted document number.

    Args:
        session: a write session whose transaction also stores the numbered document.
        series: the series key, e.g. ``INV-2027``.
    """
    return take_next_numbers(session, series, 1)[0]


def take_next_numbers(session: Session, series: str, count: int) -> list[str]:
    """Take the next ``count`` numbers of a series at once, in order.

    The transaction must store a document under every number it took (or fail and
    roll them all back), as for :func:`take_next_number`.

    Args:
        session: a write session whose transaction also stores the numbered documents.
        series: the series key, e.g. ``CERT-2027``.
        count: how many numbers (at least one).
    """
    if count < 1:
        raise ValueError("take at least one number")
    series = device_series(session, series)
    counter = session.scalars(
        select(DocumentSeries).where(DocumentSeries.series_key == series)
    ).one_or_none()
    if counter is None:
        counter = DocumentSeries(id=time_ordered_uuid(), series_key=series, last_number=0)
        session.add(counter)
    first = counter.last_number + 1
    counter.last_number += count
    session.flush()
    return [format_number(series, number) for number in range(first, first + count)]


def check_date_in_series(
    session: Session,
    kind: str,
    series: str,
    issue_date: date,
    books_closed_through: str,
) -> None:
    """Refuse an issue date in closed books or before the series' latest document.

    Args:
        session: the issuing transaction (it holds the write lock, so the latest
            document cannot change before the number is taken).
        kind: "invoice" or "credit note".
        series: the series key the document would be numbered in.
        issue_date: its date.
        books_closed_through: the setting ("" or an ISO date).

    Raises:
        IssueDateRefused: see :func:`domain.billing.issue_dates.check_issue_date`.
    """
    table = Invoice if kind == "invoice" else CreditNote
    series = device_series(session, series)  # the series this laptop numbers in
    latest: tuple[str, date] | None = session.execute(  # type: ignore[assignment]
        select(table.number, table.issue_date)
        .where(table.series == series, table.deleted.is_(False), table.issue_date.is_not(None))
        .order_by(table.issue_date.desc(), table.number.desc())
        .limit(1)
    ).first()
    check_issue_date(
        kind,
        issue_date,
        closed_through=parse_closing_date(books_closed_through),
        series=series,
        latest_in_series=(str(latest[0]), latest[1]) if latest is not None else None,
    )


def device_series(session: Session, series: str) -> str:
    """The series this laptop numbers in: with its device code before the year, if it has one.

    Args:
        session: the issuing transaction's session.
        series: the series key from the settings' prefix and the year, e.g. ``INV-2027``.
    """
    code = series_device_code(session.connection())
    if code is None or f"-{code}-" in f"-{series}-":
        return series
    prefix, year = series.rsplit("-", 1)
    return f"{prefix}-{code}-{year}"


def series_of(number: str) -> str:
    """The series of a document number (``INV-L07-2027-0001`` -> ``INV-L07-2027``)."""
    parsed = parse_number(number)
    if parsed is None:
        raise ValueError(f"{number} is not a document number")
    return parsed[0]
